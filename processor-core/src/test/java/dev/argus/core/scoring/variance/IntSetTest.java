package dev.argus.core.scoring.variance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntSetTest {

  @Test
  void keepsDistinctValuesInFirstAddedOrderWhateverItsStartingSize() {
    Random random = new Random(3);
    for (int expected : new int[] {1, 7, 16, 100, 256, 1000}) {
      for (int round = 0; round < 50; round++) {
        // Values from a narrow range repeat; zero and negative values are values like any other.
        int count = random.nextInt(600);
        int range = 1 + random.nextInt(800);
        IntSet set = new IntSet(expected);
        Set<Integer> reference = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
          int value = random.nextInt(range) - range / 2;
          assertEquals(reference.add(value), set.add(value));
        }
        assertEquals(reference.size(), set.size());
        assertArrayEquals(reference.stream().mapToInt(Integer::intValue).toArray(), set.toArray());
        for (int value = -range; value <= range; value++) {
          assertEquals(reference.contains(value), set.contains(value), "value " + value);
        }
      }
    }
  }

  @Test
  void aDefaultSetGrowsPastItsFirstTable() {
    IntSet set = new IntSet();
    for (int value = 0; value < 1_000; value++) {
      assertTrue(set.add(value * 31));
    }
    assertFalse(set.add(31));
    assertEquals(1_000, set.size());
  }

  @Test
  void refusesANonPositiveSize() {
    assertThrows(IllegalArgumentException.class, () -> new IntSet(0));
  }
}

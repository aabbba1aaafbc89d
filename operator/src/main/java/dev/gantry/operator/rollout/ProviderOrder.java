package dev.gantry.operator.rollout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order in which a group's changed members move: providers before the consumers that depend on
 * them. Members are placed in layers: a member's layer is one past the highest layer of the members
 * it depends on; a dependency cycle is broken where it closes, so every member gets a layer.
 */
final class ProviderOrder {

  private ProviderOrder() {}

  /** The layers of {@code members}, providers first, names sorted within a layer. */
  static List<List<String>> layers(Set<String> members, Map<String, List<String>> dependsOn) {
    Map<String, Integer> layer = new HashMap<>();
    for (String m : members.stream().sorted().toList()) {
      place(m, members, dependsOn, layer, new HashSet<>());
    }
    TreeMap<Integer, List<String>> byLayer = new TreeMap<>();
    layer.forEach((m, l) -> byLayer.computeIfAbsent(l, x -> new ArrayList<>()).add(m));
    List<List<String>> out = new ArrayList<>();
    byLayer.values().forEach(names -> out.add(names.stream().sorted().toList()));
    return out;
  }

  private static int place(
      String m,
      Set<String> members,
      Map<String, List<String>> dependsOn,
      Map<String, Integer> layer,
      Set<String> visiting) {
    Integer known = layer.get(m);
    if (known != null) {
      return known;
    }
    visiting.add(m);
    int mine = 0;
    for (String provider : dependsOn.getOrDefault(m, List.of())) {
      if (members.contains(provider) && !visiting.contains(provider)) {
        mine = Math.max(mine, place(provider, members, dependsOn, layer, visiting) + 1);
      }
    }
    visiting.remove(m);
    layer.put(m, mine);
    return mine;
  }
}

package dev.gantry.operator.testing;

import java.nio.file.Path;

/** Where {@code hack/tools.sh} put the tools. */
public final class Tools {

  private Tools() {}

  public static Path dir() {
    String dir = System.getenv("GANTRY_TOOLS_DIR");
    return dir != null
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache/gantry/tools");
  }

  public static Path bin(String tool) {
    return dir().resolve("bin").resolve(tool);
  }
}

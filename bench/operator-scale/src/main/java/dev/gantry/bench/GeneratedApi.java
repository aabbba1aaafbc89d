package dev.gantry.bench;

/**
 * An OpenAPI document of a given size, shaped like real ones: resources with list, read, create,
 * update and delete operations, parameters, request bodies and responses whose schemas are shared
 * components with nested objects, arrays and enums.
 */
final class GeneratedApi {

  private GeneratedApi() {}

  /**
   * About {@code operations} operations (five per resource); the first {@code changed} resources
   * lose their delete operation and a response property, as a breaking release would.
   */
  static String document(int operations, int changed) {
    int resources = Math.max(1, operations / 5);
    StringBuilder paths = new StringBuilder();
    StringBuilder schemas = new StringBuilder();
    for (int r = 0; r < resources; r++) {
      boolean change = r < changed;
      String name = "Resource" + r;
      String path = "/resources" + r;
      paths
          .append("  ")
          .append(path)
          .append(":\n")
          .append("    get:\n")
          .append("      parameters:\n")
          .append("        - {name: page, in: query, schema: {type: integer, minimum: 0}}\n")
          .append("        - {name: size, in: query, schema: {type: integer, maximum: 500}}\n")
          .append("      responses:\n")
          .append("        \"200\":\n")
          .append("          description: a page\n")
          .append("          content:\n")
          .append("            application/json:\n")
          .append("              schema: {type: array, items: {$ref: '#/components/schemas/")
          .append(name)
          .append("'}}\n")
          .append("    post:\n")
          .append("      requestBody:\n")
          .append("        required: true\n")
          .append("        content:\n")
          .append("          application/json:\n")
          .append("            schema: {$ref: '#/components/schemas/New")
          .append(name)
          .append("'}\n")
          .append("      responses:\n")
          .append("        \"201\": {description: created, content: {application/json: {schema:")
          .append(" {$ref: '#/components/schemas/")
          .append(name)
          .append("'}}}}\n")
          .append("        \"400\": {description: invalid}\n")
          .append("  ")
          .append(path)
          .append("/{id}:\n")
          .append("    parameters:\n")
          .append("      - {name: id, in: path, required: true, schema: {type: string}}\n")
          .append("    get:\n")
          .append("      responses:\n")
          .append("        \"200\": {description: one, content: {application/json: {schema:")
          .append(" {$ref: '#/components/schemas/")
          .append(name)
          .append("'}}}}\n")
          .append("        \"404\": {description: none}\n")
          .append("    put:\n")
          .append("      requestBody:\n")
          .append("        content: {application/json: {schema: {$ref: '#/components/schemas/New")
          .append(name)
          .append("'}}}\n")
          .append("      responses: {\"200\": {description: updated}}\n");
      if (!change) {
        paths.append("    delete:\n      responses: {\"204\": {description: deleted}}\n");
      }
      schemas
          .append("    New")
          .append(name)
          .append(":\n")
          .append("      type: object\n")
          .append("      required: [name]\n")
          .append("      properties:\n")
          .append("        name: {type: string, maxLength: 100}\n")
          .append("        tags: {type: array, items: {type: string}}\n")
          .append("        kind: {type: string, enum: [SMALL, MEDIUM, LARGE]}\n")
          .append("    ")
          .append(name)
          .append(":\n")
          .append("      type: object\n")
          .append("      required: [id, name]\n")
          .append("      properties:\n")
          .append("        id: {type: string}\n")
          .append("        name: {type: string}\n")
          .append("        kind: {type: string, enum: [SMALL, MEDIUM, LARGE]}\n")
          .append(
              "        owner: {type: object, properties: {id: {type: string}, email: {type: string}}}\n");
      if (!change) {
        schemas.append("        createdAt: {type: string, format: date-time}\n");
      }
    }
    return "openapi: 3.0.1\ninfo: {title: generated, version: \"1\"}\npaths:\n"
        + paths
        + "components:\n  schemas:\n"
        + schemas;
  }

  /** How many operations a generated document has. */
  static int operations(String document) {
    int count = 0;
    for (String line : document.split("\n")) {
      String t = line.strip();
      if (t.equals("get:") || t.equals("post:") || t.equals("put:") || t.equals("delete:")) {
        count++;
      }
    }
    return count;
  }
}

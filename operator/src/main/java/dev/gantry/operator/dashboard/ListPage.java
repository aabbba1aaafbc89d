package dev.gantry.operator.dashboard;

import java.util.List;

/**
 * The release list: every Microservice and ReleaseGroup the user may list.
 *
 * @param scope which namespaces were looked in, in words
 */
public record ListPage(
    String user, String scope, List<ServiceRow> services, List<GroupRow> groups) {}

package dev.gantry.operator.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Who is looking, and a client that acts as them: every read and every action of the dashboard goes
 * through it, so the API server decides what they see and do.
 *
 * @param user the name the API server knows them by: what {@code requestedBy} must say
 * @param session a secret of their session, to which the forms' CSRF tokens are bound
 */
public record Viewer(KubernetesClient client, String user, String session) {}

package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Optional;

/**
 * What the operator observed and decided. Rollout state lives here, so a restarted operator
 * continues exactly where it stopped.
 *
 * @param previousRevision the revision that was stable before, kept scaled to zero for undo
 * @param canaryWeight percent of traffic the canary receives
 * @param currentStepIndex the canary step being carried out
 * @param replicas replicas of the stable revision (the scale subresource reads this)
 * @param canaryReplicas replicas the canary revision runs, and how many are ready
 * @param selector label selector of the stable revision's pods (the autoscaler reads this)
 * @param trafficSplit how the weight is enforced: by the mesh, or approximated by replica counts
 * @param analysis the last canary analysis: every measurement, its verdict and why
 * @param history recent release actions, newest last
 * @param api the API-compatibility gate's judgement of the spec's revision
 * @param queuePosition while {@code Queued}: the place in the queue for a rollout slot, 1 = next
 * @param queuedRevision while {@code Queued}: the spec's revision, waiting for a rollout slot or
 *     for its release group
 * @param releaseGroup the ReleaseGroup that releases this Microservice, if one does
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MicroserviceStatus(
    Phase phase,
    Long observedGeneration,
    String stableRevision,
    String canaryRevision,
    String previousRevision,
    Integer canaryWeight,
    Integer currentStepIndex,
    @StatusReplicas Integer replicas,
    Integer readyReplicas,
    Integer canaryReplicas,
    Integer canaryReadyReplicas,
    @LabelSelector String selector,
    String trafficSplit,
    List<Condition> conditions,
    String message,
    RolloutState rollout,
    AnalysisStatus analysis,
    List<HistoryEntry> history,
    ApiStatus api,
    Integer queuePosition,
    String queuedRevision,
    String releaseGroup) {

  /** How many release actions the history keeps. */
  public static final int HISTORY_LIMIT = 20;

  public MicroserviceStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** The status of a Microservice the operator has not seen yet. */
  public static final MicroserviceStatus EMPTY = builder().build();

  public RolloutState rolloutState() {
    return rollout == null ? RolloutState.NONE : rollout;
  }

  /** The condition of this type, if present. */
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .phase(phase)
        .observedGeneration(observedGeneration)
        .stableRevision(stableRevision)
        .canaryRevision(canaryRevision)
        .previousRevision(previousRevision)
        .canaryWeight(canaryWeight)
        .currentStepIndex(currentStepIndex)
        .replicas(replicas)
        .readyReplicas(readyReplicas)
        .canaryReplicas(canaryReplicas)
        .canaryReadyReplicas(canaryReadyReplicas)
        .selector(selector)
        .trafficSplit(trafficSplit)
        .conditions(conditions)
        .message(message)
        .rollout(rollout)
        .analysis(analysis)
        .history(history)
        .api(api)
        .queuePosition(queuePosition)
        .queuedRevision(queuedRevision)
        .releaseGroup(releaseGroup);
  }

  /** Builds a status field by field. */
  public static final class Builder {
    private Phase phase;
    private Long observedGeneration;
    private String stableRevision;
    private String canaryRevision;
    private String previousRevision;
    private Integer canaryWeight;
    private Integer currentStepIndex;
    private Integer replicas;
    private Integer readyReplicas;
    private Integer canaryReplicas;
    private Integer canaryReadyReplicas;
    private String selector;
    private String trafficSplit;
    private List<Condition> conditions;
    private String message;
    private RolloutState rollout;
    private AnalysisStatus analysis;
    private List<HistoryEntry> history;
    private ApiStatus api;
    private Integer queuePosition;
    private String queuedRevision;
    private String releaseGroup;

    private Builder() {}

    public Builder phase(Phase v) {
      phase = v;
      return this;
    }

    public Builder observedGeneration(Long v) {
      observedGeneration = v;
      return this;
    }

    public Builder stableRevision(String v) {
      stableRevision = v;
      return this;
    }

    public Builder canaryRevision(String v) {
      canaryRevision = v;
      return this;
    }

    public Builder previousRevision(String v) {
      previousRevision = v;
      return this;
    }

    public Builder canaryWeight(Integer v) {
      canaryWeight = v;
      return this;
    }

    public Builder currentStepIndex(Integer v) {
      currentStepIndex = v;
      return this;
    }

    public Builder replicas(Integer v) {
      replicas = v;
      return this;
    }

    public Builder readyReplicas(Integer v) {
      readyReplicas = v;
      return this;
    }

    public Builder canaryReplicas(Integer v) {
      canaryReplicas = v;
      return this;
    }

    public Builder canaryReadyReplicas(Integer v) {
      canaryReadyReplicas = v;
      return this;
    }

    public Builder selector(String v) {
      selector = v;
      return this;
    }

    public Builder trafficSplit(String v) {
      trafficSplit = v;
      return this;
    }

    public Builder conditions(List<Condition> v) {
      conditions = v;
      return this;
    }

    public Builder message(String v) {
      message = v;
      return this;
    }

    public Builder rollout(RolloutState v) {
      rollout = v;
      return this;
    }

    public Builder analysis(AnalysisStatus v) {
      analysis = v;
      return this;
    }

    public Builder history(List<HistoryEntry> v) {
      history = v;
      return this;
    }

    public Builder api(ApiStatus v) {
      api = v;
      return this;
    }

    public Builder queuePosition(Integer v) {
      queuePosition = v;
      return this;
    }

    public Builder queuedRevision(String v) {
      queuedRevision = v;
      return this;
    }

    public Builder releaseGroup(String v) {
      releaseGroup = v;
      return this;
    }

    public MicroserviceStatus build() {
      return new MicroserviceStatus(
          phase,
          observedGeneration,
          stableRevision,
          canaryRevision,
          previousRevision,
          canaryWeight,
          currentStepIndex,
          replicas,
          readyReplicas,
          canaryReplicas,
          canaryReadyReplicas,
          selector,
          trafficSplit,
          conditions,
          message,
          rollout,
          analysis,
          history,
          api,
          queuePosition,
          queuedRevision,
          releaseGroup);
    }
  }
}

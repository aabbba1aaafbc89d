{{/* The Microservice's name: name, or the release name. */}}
{{- define "microservice.name" -}}
{{- .Values.name | default .Release.Name -}}
{{- end }}

{{- define "microservice.labels" -}}
app.kubernetes.io/name: {{ include "microservice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/*
Rules that relate values to each other, which values.schema.json cannot say clearly. They
are the same rules the CRD enforces with CEL, checked here so that `helm install` fails with
a clear message before anything reaches the cluster.
*/}}
{{- define "microservice.validate" -}}
{{- $name := include "microservice.name" . -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) -}}
{{- fail (printf "name: %q is no valid Microservice name (set name, or use a release name): lower-case letters, digits and '-', starting with a letter" $name) -}}
{{- end -}}
{{- if gt (len $name) 52 -}}
{{- fail (printf "name: %q is longer than 52 characters (the Deployment <name>-<revision> must fit in 63); set a shorter name" $name) -}}
{{- end -}}
{{- $port := int .Values.port -}}
{{- if and (ge $port 15000) (le $port 15090) -}}
{{- fail (printf "port: %d is in 15000-15090, which the Istio sidecar reserves" $port) -}}
{{- end -}}
{{- if and (hasKey .Values "replicas") .Values.autoscaling -}}
{{- fail "replicas: leave it unset when autoscaling is set; the autoscaler owns the replica count (autoscaling.minReplicas..maxReplicas)" -}}
{{- end -}}
{{- with .Values.autoscaling -}}
{{- if gt (int .minReplicas) (int .maxReplicas) -}}
{{- fail (printf "autoscaling: minReplicas (%d) must not exceed maxReplicas (%d)" (int .minReplicas) (int .maxReplicas)) -}}
{{- end -}}
{{- if not (dig "requests" "cpu" "" ($.Values.resources | default dict)) -}}
{{- fail "autoscaling: needs resources.requests.cpu; the autoscaler scales on CPU use relative to the request" -}}
{{- end -}}
{{- end -}}
{{- $seen := dict -}}
{{- range $i, $e := .Values.env -}}
{{- if hasPrefix "GANTRY_" $e.name -}}
{{- fail (printf "env[%d]: %s: names starting with GANTRY_ are reserved for what the operator injects" $i $e.name) -}}
{{- end -}}
{{- if and (hasKey $e "value") (hasKey $e "valueFrom") -}}
{{- fail (printf "env[%d]: %s: set either value or valueFrom, not both" $i $e.name) -}}
{{- end -}}
{{- if hasKey $seen $e.name -}}
{{- fail (printf "env[%d]: %s is set twice" $i $e.name) -}}
{{- end -}}
{{- $_ := set $seen $e.name true -}}
{{- end -}}
{{- $api := .Values.api | default dict -}}
{{- range $i, $use := $api.uses | default list -}}
{{- if not (has $use.service $.Values.dependsOn) -}}
{{- fail (printf "api.uses[%d].service: %s must be a Microservice listed in dependsOn" $i $use.service) -}}
{{- end -}}
{{- end -}}
{{- range $i, $event := $api.events | default list -}}
{{- if not (has $event.topic (dig "produces" list ($.Values.kafka | default dict))) -}}
{{- fail (printf "api.events[%d].topic: %s must be a topic listed in kafka.produces" $i $event.topic) -}}
{{- end -}}
{{- end -}}
{{- if has $name .Values.dependsOn -}}
{{- fail (printf "dependsOn: %s names the Microservice itself" $name) -}}
{{- end -}}
{{- $rollout := .Values.rollout | default dict -}}
{{- $strategy := $rollout.strategy | default "Rolling" -}}
{{- if and (eq $strategy "Canary") (not $rollout.canary) -}}
{{- fail "rollout: strategy Canary needs rollout.canary.steps, e.g. [{setWeight: 20}, {pause: {}}]" -}}
{{- end -}}
{{- if and $rollout.canary (ne $strategy "Canary") -}}
{{- fail (printf "rollout.canary: only allowed with rollout.strategy Canary (strategy is %s)" $strategy) -}}
{{- end -}}
{{- if and $rollout.blueGreen (ne $strategy "BlueGreen") -}}
{{- fail (printf "rollout.blueGreen: only allowed with rollout.strategy BlueGreen (strategy is %s)" $strategy) -}}
{{- end -}}
{{- with $rollout.canary -}}
{{- with .analysis -}}
{{- range $i, $metric := .metrics -}}
{{- if and (not (has $metric.name (list "request-success-rate" "request-duration"))) (not $metric.query) -}}
{{- fail (printf "rollout.canary.analysis.metrics[%d]: %s is no built-in metric (request-success-rate, request-duration); give it a query" $i $metric.name) -}}
{{- end -}}
{{- if not (or $metric.thresholdRange $metric.relativeToStable) -}}
{{- fail (printf "rollout.canary.analysis.metrics[%d]: %s needs a thresholdRange, a relativeToStable limit, or both" $i $metric.name) -}}
{{- end -}}
{{- with $metric.thresholdRange -}}
{{- if and (hasKey . "min") (hasKey . "max") (gt (float64 .min) (float64 .max)) -}}
{{- fail (printf "rollout.canary.analysis.metrics[%d].thresholdRange: min must not exceed max" $i) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $i, $step := .steps -}}
{{- if eq (hasKey $step "setWeight") (hasKey $step "pause") -}}
{{- fail (printf "rollout.canary.steps[%d]: each step is exactly one of setWeight or pause" $i) -}}
{{- end -}}
{{- end -}}
{{- range $i, $m := .match -}}
{{- if eq (hasKey $m "header") (hasKey $m "cookie") -}}
{{- fail (printf "rollout.canary.match[%d]: each match is exactly one of header or cookie" $i) -}}
{{- end -}}
{{- with $m.header -}}
{{- if ne 1 (len (pick . "exact" "prefix" "regex")) -}}
{{- fail (printf "rollout.canary.match[%d].header: exactly one of exact, prefix or regex" $i) -}}
{{- end -}}
{{- if eq .name "cookie" -}}
{{- fail (printf "rollout.canary.match[%d].header: match cookies with cookie, not header" $i) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end }}

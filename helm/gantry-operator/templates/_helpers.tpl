{{/*
Names are fixed: the chart installs cluster-wide objects (CRDs, the admission policy, the
release-manager role), so there is one release per cluster, and docs and RBAC subjects can
name the ServiceAccount system:serviceaccount:<namespace>:gantry-operator.
*/}}
{{- define "gantry-operator.name" -}}gantry-operator{{- end }}

{{- define "gantry-operator.labels" -}}
app.kubernetes.io/name: gantry-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: gantry
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "gantry-operator.selectorLabels" -}}
app.kubernetes.io/name: gantry-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gantry-operator.image" -}}
{{- $image := .Values.image -}}
{{- if $image.digest -}}
{{ $image.repository }}@{{ $image.digest }}
{{- else -}}
{{ $image.repository }}:{{ $image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end }}

{{/* Checks that need more than one value; values.schema.json checks each value on its own. */}}
{{- define "gantry-operator.validate" -}}
{{- if and (gt (int .Values.replicas) 1) (not .Values.leaderElection.enabled) -}}
{{- fail "replicas: more than one replica needs leaderElection.enabled=true, or every replica would reconcile the same Microservices" -}}
{{- end -}}
{{- if has .Release.Namespace .Values.watchNamespaces -}}
{{- fail (printf "watchNamespaces: %s is the operator's own namespace; run Microservices in namespaces of their own" .Release.Namespace) -}}
{{- end -}}
{{- if ne (empty .Values.kafkaStrimzi.namespace) (empty .Values.kafkaStrimzi.cluster) -}}
{{- fail "kafkaStrimzi: set namespace and cluster together (where Strimzi's User Operator watches, and the Kafka cluster it serves)" -}}
{{- end -}}
{{- if and .Values.kafkaStrimzi.namespace (has .Values.kafkaStrimzi.namespace .Values.watchNamespaces) -}}
{{- fail (printf "kafkaStrimzi.namespace: %s is watched for Microservices; Strimzi's namespace holds every service's credentials, keep it apart" .Values.kafkaStrimzi.namespace) -}}
{{- end -}}
{{- if .Values.etcdSecret -}}
{{- if not .Values.etcdEndpoints -}}
{{- fail "etcdSecret: set etcdEndpoints too (https://host:port)" -}}
{{- end -}}
{{- range .Values.etcdEndpoints -}}
{{- if not (hasPrefix "https://" .) -}}
{{- fail (printf "etcdSecret: etcdEndpoints must all be https:// (passwords are never sent in clear), not %s" .) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/* GANTRY_ALLOWED_DOMAINS: domain=namespace,namespace;domain=* */}}
{{- define "gantry-operator.allowedDomains" -}}
{{- $entries := list -}}
{{- range .Values.allowedDomains -}}
{{- $entries = append $entries (printf "%s=%s" .domain (join "," .namespaces)) -}}
{{- end -}}
{{- join ";" $entries -}}
{{- end }}

{{/* GANTRY_KAFKA_TOPICS: topic=namespace,namespace;prefix*=* */}}
{{- define "gantry-operator.kafkaTopics" -}}
{{- $entries := list -}}
{{- range .Values.kafkaTopics -}}
{{- $entries = append $entries (printf "%s=%s" .topic (join "," .namespaces)) -}}
{{- end -}}
{{- join ";" $entries -}}
{{- end }}

{{/* GANTRY_PROMETHEUS_ENDPOINTS: name=url,name=url */}}
{{- define "gantry-operator.prometheusEndpoints" -}}
{{- $entries := list -}}
{{- range $name, $url := .Values.prometheusEndpoints -}}
{{- $entries = append $entries (printf "%s=%s" $name $url) -}}
{{- end -}}
{{- join "," $entries -}}
{{- end }}

{{/* cpu=100m,memory=128Mi */}}
{{- define "gantry-operator.quantities" -}}
{{- $entries := list -}}
{{- range $resource, $quantity := . -}}
{{- $entries = append $entries (printf "%s=%v" $resource $quantity) -}}
{{- end -}}
{{- join "," $entries -}}
{{- end }}

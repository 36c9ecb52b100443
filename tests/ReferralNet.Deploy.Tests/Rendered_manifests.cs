using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralNet.Broker;

namespace ReferralNet.Deploy.Tests;

/// <summary>
/// Every overlay of deploy/k8s, rendered offline: each object validates against its schema, and the
/// rules the network holds its deployment to hold (probes, limits, default deny, each service only
/// its own database secret, nobody root).
/// </summary>
public sealed class Rendered_manifests
{
    public static TheoryData<string> Overlays => new(["local", "production"]);

    static readonly string[] PartnerServices = ["shelter", "legalaid", "medical", "vocational"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_object_validates_against_its_schema(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var failures = rendered.Results
            .Where(r => r!["errors"]!.AsArray().Count > 0)
            .Select(r => $"{r!["kind"]} {r["name"]}: {string.Join("; ", r["errors"]!.AsArray().Select(e => (string?)e))}")
            .ToList();
        Assert.True(failures.Count == 0, $"overlays/{overlay}:\n{string.Join('\n', failures)}");
        Assert.Equal(0, rendered.ValidatorExitCode);
        // Nothing went unvalidated: every object had a schema (the validator fails one without).
        Assert.All(rendered.Results, r => Assert.NotEqual("none", (string?)r!["validator"]));
        Assert.Equal(rendered.Objects.Count, rendered.Results.Count);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_has_startup_readiness_and_liveness_probes_and_resource_limits(string overlay)
    {
        var deployments = RenderedOverlay.Of(overlay).OfKind("Deployment").ToList();
        Assert.Contains(deployments, d => Name(d) == "shelter");
        foreach (var deployment in deployments)
        {
            var pod = deployment["spec"]!["template"]!["spec"]!;
            foreach (var container in Containers(pod, "containers"))
            {
                var where = $"overlays/{overlay}: Deployment {Name(deployment)}, container {container["name"]}";
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                    Assert.True(container[probe] is JsonObject, $"{where} has no {probe}");
                HasRequestsAndLimits(container, where);
            }
            foreach (var container in Containers(pod, "initContainers"))
                HasRequestsAndLimits(container, $"overlays/{overlay}: Deployment {Name(deployment)}, init container {container["name"]}");
        }
        // Ours probe exactly /health (ready: every check passes) and /alive (the process answers).
        foreach (var app in PartnerServices.Append("identity").Append("portal"))
        {
            var container = Containers(deployments.Single(d => Name(d) == app)["spec"]!["template"]!["spec"]!, "containers").Single();
            Assert.Equal("/health", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/alive", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void A_network_policy_denies_all_ingress_and_egress_by_default(string overlay)
    {
        var policies = RenderedOverlay.Of(overlay).OfKind("NetworkPolicy").ToList();
        Assert.Contains(policies, p =>
            p["spec"]!["podSelector"] is JsonObject selector && selector.Count == 0
            && p["spec"]!["policyTypes"]!.AsArray().Select(t => (string?)t).Order().SequenceEqual(["Egress", "Ingress"])
            && (p["spec"]!["ingress"] is null || p["spec"]!["ingress"]!.AsArray().Count == 0)
            && (p["spec"]!["egress"] is null || p["spec"]!["egress"]!.AsArray().Count == 0));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_workload_reads_another_services_database_secret_and_dapr_agrees(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var workloads = rendered.OfKind("Deployment").Concat(rendered.OfKind("Job")).ToList();
        var databaseOwners = rendered.OfKind("Cluster").Select(c => Name(c)[..^"-db".Length]).ToHashSet();
        Assert.Superset(PartnerServices.Append("identity").ToHashSet(), databaseOwners);
        foreach (var workload in workloads)
        {
            // shelter and shelter-migrate are shelter's.
            var owner = Name(workload).EndsWith("-migrate", StringComparison.Ordinal) ? Name(workload)[..^"-migrate".Length] : Name(workload);
            foreach (var secret in SecretsReadBy(workload["spec"]!["template"]!["spec"]!))
            {
                if (secret.EndsWith("-db-app", StringComparison.Ordinal))
                    Assert.True(secret == $"{owner}-db-app", $"overlays/{overlay}: {workload["kind"]} {Name(workload)} reads {secret}, another service's database secret");
            }
        }
        // Each service that has a database does read its own (so the rule above is not vacuous).
        foreach (var owner in databaseOwners)
            Assert.Contains($"{owner}-db-app", SecretsReadBy(workloads.Single(w => Name(w) == owner && (string?)w["kind"] == "Deployment")["spec"]!["template"]!["spec"]!));
        // Through Dapr too: an app's Configuration allows no other app's database secret.
        foreach (var configuration in rendered.OfKind("Configuration"))
        {
            var app = Name(configuration)[..^"-dapr".Length];
            foreach (var scope in configuration["spec"]!["secrets"]!["scopes"]!.AsArray())
            {
                Assert.Equal("deny", (string?)scope!["defaultAccess"]);
                foreach (var allowed in scope["allowedSecrets"]?.AsArray() ?? [])
                    Assert.False(((string)allowed!).EndsWith("-db-app", StringComparison.Ordinal) && (string)allowed! != $"{app}-db-app",
                        $"overlays/{overlay}: Dapr lets {app} read {allowed}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_container_runs_as_root_or_can_write_its_image_or_keeps_a_capability(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var pods = rendered.OfKind("Deployment").Concat(rendered.OfKind("Job"))
            .Select(w => ($"{w["kind"]} {Name(w)}", w["spec"]!["template"]!["spec"]!))
            .Concat(rendered.OfKind("RabbitmqCluster").Select(r => ($"RabbitmqCluster {Name(r)} (override)", r["spec"]!["override"]!["statefulSet"]!["spec"]!["template"]!["spec"]!)))
            .ToList();
        Assert.NotEmpty(pods);
        foreach (var (what, pod) in pods)
        {
            var podContext = pod["securityContext"];
            foreach (var container in Containers(pod, "containers").Concat(Containers(pod, "initContainers")))
            {
                var where = $"overlays/{overlay}: {what}, container {container["name"]}";
                var context = container["securityContext"];
                // The operator's own rabbitmq container is only amended by the override: the operator runs it as 999.
                if (what.StartsWith("RabbitmqCluster", StringComparison.Ordinal) && (string?)container["name"] == "rabbitmq" && context is null)
                    continue;
                Assert.True(context is JsonObject, $"{where} has no securityContext");
                var nonRoot = (bool?)context!["runAsNonRoot"] ?? (bool?)podContext?["runAsNonRoot"];
                Assert.True(nonRoot == true, $"{where} may run as root (runAsNonRoot is not true)");
                var user = (long?)context["runAsUser"] ?? (long?)podContext?["runAsUser"];
                Assert.True(user is null or > 0, $"{where} runs as user 0");
                Assert.True((bool?)context["allowPrivilegeEscalation"] == false, $"{where} allows privilege escalation");
                Assert.True((bool?)context["readOnlyRootFilesystem"] == true, $"{where} can write its root filesystem");
                Assert.True(context["capabilities"]?["drop"]?.AsArray().Any(c => (string?)c == "ALL") == true, $"{where} does not drop ALL capabilities");
                Assert.True(context["capabilities"]?["add"] is null, $"{where} adds capabilities");
            }
        }
    }

    [Fact]
    public void Production_runs_two_replicas_of_every_service_three_broker_nodes_and_three_database_instances()
    {
        var production = RenderedOverlay.Of("production");
        foreach (var app in PartnerServices.Append("identity").Append("portal"))
            Assert.Equal(2, (int?)production.OfKind("Deployment").Single(d => Name(d) == app)["spec"]!["replicas"]);
        Assert.Equal(3, (int?)production.OfKind("RabbitmqCluster").Single()["spec"]!["replicas"]);
        Assert.All(production.OfKind("Cluster"), c => Assert.Equal(3, (int?)c["spec"]!["instances"]));
        Assert.All(production.OfKind("PodDisruptionBudget"), p => Assert.Equal(1, (int?)p["spec"]!["maxUnavailable"]));
        // Quorum queues: the services declare them, and the cluster's nodes are all given.
        foreach (var app in PartnerServices)
            Assert.Contains(Env(production, app), e => (string?)e["name"] == "ReferralNet__Messaging__QueueType" && (string?)e["value"] == "quorum");
        var settings = production.OfKind("ConfigMap").Single(c => Name(c) == "referralnet-settings");
        Assert.Equal(3, ((string)settings["data"]!["broker-cluster-nodes"]!).Split(',').Length);
    }

    [Fact]
    public void The_broker_definitions_grant_exactly_the_accounts_and_policies_of_BrokerAccounts()
    {
        var template = RenderedOverlay.Of("local").OfKind("ConfigMap").Single(c => Name(c) == "referralnet-broker-definitions-template");
        var definitions = JsonNode.Parse((string)template["data"]!["definitions.json"]!)!;
        var defaultUser = "@@USERNAME_default@@";
        var users = definitions["users"]!.AsArray().Where(u => (string?)u!["name"] != defaultUser).ToList();
        Assert.Equal(BrokerAccounts.All.Select(a => a.Name).Order(), users.Select(u => (string)u!["name"]!).Order());
        Assert.DoesNotContain(definitions["users"]!.AsArray(), u => (string?)u!["name"] == BrokerDefinitions.Guest);
        foreach (var account in BrokerAccounts.All)
        {
            var user = users.Single(u => (string?)u!["name"] == account.Name)!;
            Assert.Equal(string.Join(',', account.Tags), (string?)user["tags"]);
            Assert.Equal($"@@PASSWORD_{account.Name}@@", (string?)user["password"]);
            var permission = definitions["permissions"]!.AsArray().Single(p => (string?)p!["user"] == account.Name)!;
            Assert.Equal(account.Configure, (string?)permission["configure"]);
            Assert.Equal(account.Write, (string?)permission["write"]);
            Assert.Equal(account.Read, (string?)permission["read"]);
        }
        var policy = BrokerAccounts.Policies.Single();
        var rendered = definitions["policies"]!.AsArray().Single()!;
        Assert.Equal(policy.Name, (string?)rendered["name"]);
        Assert.Equal(policy.Pattern, (string?)rendered["pattern"]);
        Assert.Equal(policy.ApplyTo, (string?)rendered["apply-to"]);
        Assert.Equal(policy.Priority, (int?)rendered["priority"]);
        Assert.Equal(policy.Definition.OrderBy(d => d.Key), rendered["definition"]!.AsObject().Select(d => KeyValuePair.Create(d.Key, (long)d.Value!)).OrderBy(d => d.Key));
        // Every account's password comes from its own Secret <account>-broker.
        var secrets = template["data"]!["fill-in.sh"]!.ToString();
        var cluster = RenderedOverlay.Of("local").OfKind("RabbitmqCluster").Single();
        var projected = cluster["spec"]!["override"]!["statefulSet"]!["spec"]!["template"]!["spec"]!["volumes"]!.AsArray()
            .Single(v => (string?)v!["name"] == "broker-accounts")!["projected"]!["sources"]!.AsArray()
            .Select(s => (string)s!["secret"]!["name"]!);
        Assert.Equal(BrokerAccounts.All.Select(a => $"{a.Name}-broker").Order(), projected.Order());
        Assert.All(BrokerAccounts.All, a => Assert.Contains(a.Name, secrets));
    }

    static string Name(JsonNode o) => (string)o["metadata"]!["name"]!;

    static IEnumerable<JsonObject> Containers(JsonNode pod, string list) =>
        pod[list]?.AsArray().Select(c => c!.AsObject()) ?? [];

    static IEnumerable<JsonObject> Env(RenderedOverlay rendered, string deployment) =>
        Containers(rendered.OfKind("Deployment").Single(d => Name(d) == deployment)["spec"]!["template"]!["spec"]!, "containers")
            .SelectMany(c => c["env"]?.AsArray().Select(e => e!.AsObject()) ?? []);

    static void HasRequestsAndLimits(JsonObject container, string where)
    {
        foreach (var kind in new[] { "requests", "limits" })
            foreach (var resource in new[] { "cpu", "memory" })
                Assert.True(container["resources"]?[kind]?[resource] is not null, $"{where} has no {kind}.{resource}");
    }

    /// <summary>Every Secret a pod reads: env secretKeyRef, envFrom secretRef, secret and projected volumes.</summary>
    static HashSet<string> SecretsReadBy(JsonNode pod)
    {
        var secrets = new HashSet<string>();
        foreach (var container in Containers(pod, "containers").Concat(Containers(pod, "initContainers")))
        {
            foreach (var env in container["env"]?.AsArray() ?? [])
                if (env!["valueFrom"]?["secretKeyRef"]?["name"] is JsonValue name)
                    secrets.Add((string)name!);
            foreach (var from in container["envFrom"]?.AsArray() ?? [])
                if (from!["secretRef"]?["name"] is JsonValue name)
                    secrets.Add((string)name!);
        }
        foreach (var volume in pod["volumes"]?.AsArray() ?? [])
        {
            if (volume!["secret"]?["secretName"] is JsonValue name)
                secrets.Add((string)name!);
            foreach (var source in volume["projected"]?["sources"]?.AsArray() ?? [])
                if (source!["secret"]?["name"] is JsonValue projected)
                    secrets.Add((string)projected!);
        }
        return secrets;
    }
}

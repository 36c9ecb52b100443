// Validates rendered Kubernetes objects offline (issue 12, part 4).
//   kubectl kustomize ../overlays/production | node validate.mjs
// Built-in kinds: the kubernetes-models package (schemas of Kubernetes 1.32's OpenAPI).
// CloudNativePG: @kubernetes-models/cloudnative-pg. RabbitmqCluster and Dapr's Component and
// Configuration: the hand-written, partial JSON Schemas in schemas/ (see schemas/README.md), by Ajv.
// Prints one JSON report on stdout: every object with its errors, and the objects themselves (the
// .NET test makes its own assertions on them). Exit code 1 when any object fails, 2 on bad input.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));
const input = readFileSync(process.argv[2] ?? 0, "utf8");

const documents = parseAllDocuments(input);
const objects = [];
for (const document of documents) {
  if (document.errors.length > 0) {
    process.stderr.write(`not YAML: ${document.errors.map(e => e.message).join("; ")}\n`);
    process.exit(2);
  }
  const object = document.toJS();
  if (object !== null) objects.push(object);
}
if (objects.length === 0) {
  process.stderr.write("no objects on the input: give the output of kubectl kustomize\n");
  process.exit(2);
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const crdSchemas = new Map();
for (const file of readdirSync(join(here, "schemas")).filter(f => f.endsWith(".json"))) {
  // rabbitmq.com_v1beta1_RabbitmqCluster.json → rabbitmq.com/v1beta1 RabbitmqCluster
  const [group, version, kind] = file.replace(/\.json$/, "").split("_");
  crdSchemas.set(`${group}/${version} ${kind}`, ajv.compile(JSON.parse(readFileSync(join(here, "schemas", file), "utf8"))));
}

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = group === "postgresql.cnpg.io"
    ? [`@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`]
    : [group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`];
  for (const specifier of candidates) {
    try {
      const module = await import(specifier);
      if (module[kind]) return module[kind];
    } catch (e) {
      if (e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED" && e.code !== "ERR_MODULE_NOT_FOUND") throw e;
    }
  }
  return null;
}

const results = [];
for (const object of objects) {
  const { apiVersion, kind } = object;
  const name = object.metadata?.name ?? "(no name)";
  const errors = [];
  let validator = "none";
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    errors.push("apiVersion and kind must be strings");
  } else if (crdSchemas.has(`${apiVersion} ${kind}`)) {
    validator = `schemas/${apiVersion.replace("/", "_")}_${kind}.json`;
    const validate = crdSchemas.get(`${apiVersion} ${kind}`);
    if (!validate(object))
      errors.push(...validate.errors.map(e => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`));
  } else {
    const Model = await modelFor(apiVersion, kind);
    if (Model === null) {
      errors.push(`no schema for ${apiVersion} ${kind}: add one to schemas/ (see schemas/README.md)`);
    } else {
      validator = apiVersion.startsWith("postgresql.cnpg.io/") ? "@kubernetes-models/cloudnative-pg" : "kubernetes-models";
      try {
        new Model(object).validate();
      } catch (e) {
        errors.push(String(e.message ?? e));
      }
    }
  }
  results.push({ apiVersion, kind, name, validator, errors });
}

const failed = results.filter(r => r.errors.length > 0);
process.stdout.write(JSON.stringify({ objectCount: objects.length, failedCount: failed.length, results, objects }) + "\n");
for (const r of failed) process.stderr.write(`${r.apiVersion} ${r.kind} ${r.name}: ${r.errors.join("; ")}\n`);
// exitCode, not exit(): exit() would cut a large report short on a pipe.
process.exitCode = failed.length > 0 ? 1 : 0;

// Validates every Kubernetes object in the YAML files under a folder against the Kubernetes API's JSON
// schemas, through kubernetes-models' classes (one per apiVersion and kind). kustomization.yaml files
// are kustomize's own configuration, not API objects, and are left to `kubectl kustomize`.
// Usage: node validate.mjs FOLDER. Prints one line per object; exits 1 when any is invalid or none was found.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parseAllDocuments } from "yaml";

const root = process.argv[2];
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name) && basename(name) !== "kustomization.yaml") files.push(path);
  }
})(root);

let valid = 0;
let invalid = 0;
for (const file of files) {
  const where = relative(root, file);
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`invalid ${where}: ${document.errors[0].message}`);
      invalid++;
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    const { apiVersion, kind } = object;
    let model;
    try {
      model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
    } catch {
      console.log(`invalid ${where}: no schema for apiVersion ${apiVersion} kind ${kind}`);
      invalid++;
      continue;
    }
    try {
      new model(object).validate();
      console.log(`valid ${where}: ${apiVersion} ${kind} ${object.metadata?.name}`);
      valid++;
    } catch (error) {
      console.log(`invalid ${where}: ${apiVersion} ${kind}: ${error.message}`);
      invalid++;
    }
  }
}
console.log(`${valid} valid, ${invalid} invalid`);
process.exit(invalid === 0 && valid > 0 ? 0 : 1);

/** Texts of the seed rules, one small function each (kube-apiserver's wording where it has one). */
export const ruleMessages = {
  replicasNotInteger: () => 'must be an integer',
  replicasOutOfRange: (max: number) => `must be between 0 and ${max}, inclusive`,
  imageRequired: () => 'a container image is required',
  imageNotString: () => 'must be a non-empty string',
  imageBlocked: (image: string, pattern: string) => `image "${image}" is blocked by policy (matches "${pattern}")`,
  registryNotAllowed: (image: string, registry: string, allowed: string[]) =>
    `image "${image}" comes from registry "${registry}", which is not one of the allowed registries: ${allowed.join(', ')}`,
  tagRequired: (image: string) => `image "${image}" must carry a tag or a digest`,
  latestTag: (field: string, image: string) =>
    `${field} "${image}" uses the "latest" tag; pin a version or digest so rollouts are reproducible`,
  noTag: (field: string, image: string) =>
    `${field} "${image}" has no tag and resolves to "latest"; pin a version or digest so rollouts are reproducible`,
  singleReplica: (field: string) => `${field} is 1: the application has no redundancy`,
  noResources: () => 'spec.resources is not set: the application declares no resource requests or limits',
};

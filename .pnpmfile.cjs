// openapi-typescript prints its output through the TypeScript 5 compiler API, which the TypeScript 7
// native compiler the workspace checks with does not have: give it TypeScript 5 of its own instead
// of the workspace's as its peer.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === "openapi-typescript") {
        delete pkg.peerDependencies?.typescript;
        pkg.dependencies = { ...pkg.dependencies, typescript: "5.9.3" };
      }
      return pkg;
    },
  },
};

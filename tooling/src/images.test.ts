import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkCompose,
  checkDockerfile,
  checkDockerignore,
  checkRepository,
  dockerfiles,
  parseDockerfile,
} from "./images.ts";

const SERVER = `# syntax=docker/dockerfile:1
FROM node:26-trixie-slim AS build
WORKDIR /repo
COPY pnpm-lock.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline \\
  && pnpm build

FROM node:26-trixie-slim
WORKDIR /app
COPY --from=build /out/dist ./dist
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s \\
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz')"]
CMD ["node", "dist/index.js"]
`;

const JOB = `FROM node:26-bookworm-slim AS build
COPY . .
FROM node:26.12.0-trixie-slim
COPY --from=build /out ./
USER node
HEALTHCHECK NONE
CMD ["node", "--max-semi-space-size=4", "dist/index.js", "run"]
`;

const check = (text: string) => checkDockerfile("Dockerfile", text);
const swap = (from: string, to: string, base = SERVER) => {
  expect(base).toContain(from);
  return base.replace(from, to);
};

describe("parseDockerfile", () => {
  it("joins continuation lines and keeps the line each instruction starts on", () => {
    const ins = parseDockerfile(SERVER);
    const run = ins.find((i) => i.args.startsWith("pnpm install"))!;
    expect(run).toMatchObject({ keyword: "RUN", line: 7 });
    expect(run.args).toContain("&& pnpm build");
    expect(ins.find((i) => i.keyword === "HEALTHCHECK")?.args).toContain("/readyz");
  });
});

describe("checkDockerfile", () => {
  it("passes a server image and a job image that keep every rule", () => {
    expect(check(SERVER)).toEqual([]);
    expect(check(JOB)).toEqual([]);
  });

  it("fails on COPY . . or ADD . . in the final stage, not in a build stage", () => {
    expect(check(swap("COPY --from=build /out/dist ./dist", "COPY . ."))).toEqual([
      expect.stringMatching(/Dockerfile:12: COPY of the whole build context/),
    ]);
    expect(check(swap("COPY --from=build /out/dist ./dist", "ADD --chown=node ./ /app"))[0]).toMatch(
      /ADD of the whole/,
    );
  });

  it("fails on copying the folder a build stage copied the context into (COPY . . by another name)", () => {
    expect(check(swap("COPY --from=build /out/dist ./dist", "COPY --from=build /repo /repo"))).toEqual([
      expect.stringMatching(/COPY --from=build \/repo brings the build stage's whole context/),
    ]);
    expect(check(swap("COPY --from=build /out/dist ./dist", "COPY --from=build / /"))).toHaveLength(1);
    expect(
      check(swap("COPY --from=build /out/dist ./dist", "COPY --from=build /repo/apps/x/dist ./dist")),
    ).toEqual([]);
  });

  it("fails on a server image without a HEALTHCHECK on /readyz", () => {
    const none = swap(
      `HEALTHCHECK --interval=10s \\\n  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz')"]\n`,
      "",
    );
    expect(check(none)).toEqual([expect.stringMatching(/needs a HEALTHCHECK on \/readyz/)]);
    expect(check(swap("/readyz", "/healthz"))).toEqual([expect.stringMatching(/probes \/readyz/)]);
    expect(check(swap("HEALTHCHECK NONE\n", "", JOB))).toEqual([expect.stringMatching(/HEALTHCHECK NONE/)]);
  });

  it("fails on an image that runs as root", () => {
    expect(check(swap("USER node\n", ""))).toEqual([expect.stringMatching(/no USER, so it runs as root/)]);
    expect(check(swap("USER node", "USER root"))).toEqual([expect.stringMatching(/runs as root/)]);
    expect(check(swap("USER node", "USER 0:0"))).toEqual([expect.stringMatching(/runs as 0:0/)]);
  });

  it("fails on tsx in CMD or ENTRYPOINT, in either form", () => {
    expect(
      check(swap(`CMD ["node", "dist/index.js"]`, `CMD ["node", "--import", "tsx", "src/index.ts"]`)),
    ).toEqual([expect.stringMatching(/CMD runs tsx/)]);
    expect(check(swap(`CMD ["node", "dist/index.js"]`, "ENTRYPOINT npx tsx src/index.ts"))).toEqual([
      expect.stringMatching(/ENTRYPOINT runs tsx/),
    ]);
  });

  it("fails on a base image that is not the chosen Node LTS, in any stage", () => {
    expect(check(swap("FROM node:26-trixie-slim AS build", "FROM node:20-bookworm-slim AS build"))).toEqual([
      expect.stringMatching(/Dockerfile:2: base image node:20-bookworm-slim/),
    ]);
    expect(check(swap("FROM node:26-trixie-slim\n", "FROM gcr.io/distroless/nodejs26\n"))).toHaveLength(1);
    expect(check(swap("FROM node:26-trixie-slim\n", "FROM node:lts-slim\n"))).toHaveLength(1);
  });

  it("fails on a secret kept in ENV or ARG", () => {
    expect(check(swap("WORKDIR /app", "WORKDIR /app\nENV TERRA_WEBHOOK_SECRET=x"))).toEqual([
      expect.stringMatching(/ENV TERRA_WEBHOOK_SECRET would keep a secret/),
    ]);
  });
});

describe("checkDockerignore", () => {
  const GOOD = ".env\n.env.*\n**/node_modules\n**/dist\n.git\n.data/\n**/coverage\n**/.turbo\n";

  it("passes when every required entry is excluded", () => {
    expect(checkDockerignore(GOOD)).toEqual([]);
  });

  it("names each entry that is missing", () => {
    expect(checkDockerignore(GOOD.replace(".env\n", "").replace("**/.turbo\n", ""))).toEqual([
      ".dockerignore: .env is not excluded",
      ".dockerignore: .turbo is not excluded",
    ]);
  });

  it("fails when a negation puts a secret back", () => {
    expect(checkDockerignore(`${GOOD}!.env.production\n`)).toEqual([
      ".dockerignore: !.env.production puts back what must stay out",
    ]);
  });
});

describe("checkCompose", () => {
  it("names every service without a restart policy", () => {
    const doc = { services: { a: { restart: "unless-stopped" }, b: { image: "x" } } };
    expect(checkCompose(doc)).toEqual(["compose.yaml: service b has no restart policy"]);
    expect(checkCompose({ services: { a: { restart: "no" } } })).toEqual([]);
  });
});

describe("the repository", () => {
  it("keeps every image rule in its Dockerfiles, .dockerignore and compose.yaml", () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
    expect(dockerfiles(root)).toEqual([
      "apps/admin/Dockerfile",
      "apps/backfill/Dockerfile",
      "apps/webhook/Dockerfile",
    ]);
    expect(checkRepository(root)).toEqual([]);
  });
});

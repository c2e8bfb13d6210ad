/**
 * One repetition as a Kubernetes Job, built as data (a typed object) and written as YAML by the
 * yaml library. No text template: a value such as Citus' `off` can never turn into a boolean.
 *
 * ```
 * JobSettings (experiment file) + name, namespace, labels, argv, timeout
 *   ──buildJob──► BatchV1Job (typed) ──renderJob (YAML 1.1 rules: `off`, `yes`, `1e3`… quoted)──► text
 * ```
 * kubectl reads manifests with YAML 1.1 rules, where a bare `off` is the boolean false; the text is
 * written with the same rules, so every string reads back as a string.
 */
import { stringify } from 'yaml';
import type { JobSettings } from '../model/index.js';

/** The part of batch/v1 Job the tool writes (field names and types as in the Kubernetes API). */
export interface BatchV1Job {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    backoffLimit: number;
    activeDeadlineSeconds: number;
    ttlSecondsAfterFinished: number;
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        restartPolicy: 'Never';
        nodeName?: string;
        nodeSelector?: Record<string, string>;
        containers: {
          name: string;
          image: string;
          imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
          command: string[];
          resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
          volumeMounts: { name: string; mountPath: string }[];
        }[];
        volumes: { name: string; hostPath: { path: string; type?: string } }[];
      };
    };
  };
}

/** The study's client pod (rpicloud ycsb/benchmark.yml): scripts and outputs as hostPath folders. */
export const STUDY_JOB_VOLUMES: NonNullable<JobSettings['volumes']> = [
  { name: 'scripts', hostPath: '/home/pi/ycsb/scripts', mountPath: '/scripts', type: 'Directory' },
  { name: 'output', hostPath: '/home/pi/ycsb/out', mountPath: '/ycsb_outputs', type: 'Directory' },
];

export interface JobInput {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** The container's argv (the script under `timeout`), never a shell line. */
  command: string[];
  /** The run step's timeout: the default activeDeadlineSeconds. */
  deadlineSeconds: number;
  settings: JobSettings;
}

/** The Job for one repetition. */
export function buildJob(input: JobInput): BatchV1Job {
  const s = input.settings;
  const volumes = s.volumes ?? STUDY_JOB_VOLUMES;
  const container: BatchV1Job['spec']['template']['spec']['containers'][number] = {
    name: 'ycsb',
    image: s.image ?? '127.0.0.1:5000/ycsb-benchmark',
    ...(s.imagePullPolicy ? { imagePullPolicy: s.imagePullPolicy } : {}),
    command: [...input.command],
    ...(s.resources ? { resources: structuredClone(s.resources) } : {}),
    volumeMounts: volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: input.name, namespace: input.namespace, labels: { ...input.labels } },
    spec: {
      backoffLimit: s.backoffLimit ?? 0,
      activeDeadlineSeconds: s.activeDeadlineSeconds ?? input.deadlineSeconds,
      ttlSecondsAfterFinished: s.ttlSecondsAfterFinished ?? 3600,
      template: {
        metadata: { labels: { ...input.labels } },
        spec: {
          restartPolicy: 'Never',
          ...(s.nodeName ? { nodeName: s.nodeName } : {}),
          ...(s.nodeSelector ? { nodeSelector: { ...s.nodeSelector } } : {}),
          containers: [container],
          volumes: volumes.map((v) => ({ name: v.name, hostPath: { path: v.hostPath, ...(v.type ? { type: v.type } : {}) } })),
        },
      },
    },
  };
}

/** The Job as YAML that kubectl (YAML 1.1) reads back to the same object, strings as strings. */
export function renderJob(job: BatchV1Job): string {
  return stringify(job, { version: '1.1' });
}

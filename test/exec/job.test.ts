/**
 * Every Job the tool renders, read back as kubectl reads YAML (YAML 1.1, where a bare `off` is the
 * boolean false), validates against the Kubernetes OpenAPI schema (kubernetes-models), Citus
 * included; every command value reads back as a string; the fields of the experiment file arrive.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { designFromExperiment, inferNaming } from '../../src/analysis/design.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill } from '../../src/analysis/plan.js';
import { materialize } from '../../src/exec/adapters.js';
import { buildJob, renderJob } from '../../src/exec/job.js';
import { parseExperiment } from '../../src/ingest/experiment.js';

const exp = parseExperiment(readFileSync('templates/experiment.yaml', 'utf8'), 'templates/experiment.yaml');
// No run at all: every repetition of the study's 36 configurations is to run.
const design = designFromExperiment({ ...exp, repetitions: 1 });
const core = planFill(findGaps([], design), inferNaming([], (phase, db) => exp.databases[db]?.output?.[phase] ?? exp.output[phase]), { order: 'sequential' });
const plan = materialize(core, { adapter: 'kubectl-job', campaign: 'c', retries: 0, experiment: exp });
const jobs = plan.groups.flatMap((g) => g.steps.flatMap((s) => s.files ?? []));

describe('the Jobs of the study’s template', () => {
  it('one per repetition of every database', () => {
    expect(jobs).toHaveLength(36);
    expect(new Set(jobs.map((j) => j.path.split('/').pop()!.split('-')[1]))).toEqual(new Set(['cassandra', 'hbase', 'citus']));
  });

  it('each validates against the Kubernetes schema as kubectl reads it (YAML 1.1)', () => {
    for (const f of jobs) {
      const obj = parse(f.content, { version: '1.1' });
      expect(() => new Job(obj).validate(), f.path).not.toThrow();
    }
  });

  it('every command and env value reads back as a string: Citus’ off is "off"', () => {
    for (const f of jobs) {
      const obj = parse(f.content, { version: '1.1' });
      for (const c of obj.spec.template.spec.containers) {
        for (const v of c.command ?? []) expect(typeof v, `${f.path}: ${JSON.stringify(v)}`).toBe('string');
        for (const v of c.args ?? []) expect(typeof v).toBe('string');
        for (const e of c.env ?? []) expect(typeof e.value).toBe('string');
      }
    }
    const citus = parse(jobs.find((f) => f.path.includes('citus'))!.content, { version: '1.1' });
    expect(citus.spec.template.spec.containers[0].command.slice(-1)).toEqual(['off']);
  });

  it('the same object written without YAML 1.1 rules would be refused (the check can fail)', () => {
    const obj = parse(jobs.find((f) => f.path.includes('citus'))!.content, { version: '1.1' });
    const naive = parse(stringify(obj), { version: '1.1' }); // YAML 1.2 writing: off unquoted
    expect(naive.spec.template.spec.containers[0].command.slice(-1)).toEqual([false]);
    expect(() => new Job(naive).validate()).toThrow(/command\/\d+ must be string/);
  });

  it('takes the client pod’s settings from the experiment file (benchmark.yml): node, pull policy, memory, volumes; sets the limits', () => {
    const obj = parse(jobs[0].content, { version: '1.1' });
    const pod = obj.spec.template.spec;
    expect(pod.nodeName).toBe('rpicloud');
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]).toMatchObject({ image: '127.0.0.1:5000/ycsb-benchmark', imagePullPolicy: 'Never', resources: { requests: { memory: '3Gi' } } });
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'scripts', mountPath: '/scripts' },
      { name: 'output', mountPath: '/ycsb_outputs' },
    ]);
    expect(pod.volumes).toEqual([
      { name: 'scripts', hostPath: { path: '/home/pi/ycsb/scripts', type: 'Directory' } },
      { name: 'output', hostPath: { path: '/home/pi/ycsb/out', type: 'Directory' } },
    ]);
    expect(obj.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 3600 });
    // The script runs under `timeout`, inside the deadline.
    expect(pod.containers[0].command.slice(0, 3)).toEqual(['timeout', '--kill-after=30', '3540']);
  });

  it('nodeSelector and limits pass through; defaults without settings', () => {
    const j = buildJob({ name: 'x', namespace: 'lab', labels: { app: 'ycsb-fill' }, command: ['/scripts/a.sh', 'yes', '1e3', '0x10'], deadlineSeconds: 60, settings: { nodeSelector: { 'kubernetes.io/hostname': 'rpi03' }, resources: { limits: { cpu: '2' } } } });
    const back = parse(renderJob(j), { version: '1.1' });
    expect(back).toEqual(j);
    expect(() => new Job(back).validate()).not.toThrow();
    expect(back.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'rpi03' });
    expect(back.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 60, ttlSecondsAfterFinished: 3600 });
  });
});

#!/usr/bin/env python3
"""Runs the CI examples of docs/ci.md as a new user would: in a fresh clone of the repository.

    python3 scripts/ci-examples/ci_example.py github|gitlab [--with-local-changes] [--keep]

(normally through try-github.sh / try-gitlab.sh beside this file). The example is read from the
clone's docs/ci.md, between `<!-- ci-example: NAME -->` and `<!-- /ci-example -->`, and parsed as
YAML, so the page and this check cannot drift apart. Its commands are run the way the CI system
runs them (see "Trying the examples" in docs/ci.md), in three scenarios: gates pass (exit 0), a
gate fails (exit 1), bad input (exit 2). Exits 0 when every scenario behaved as documented.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit("ci-example: needs PyYAML: apt-get install python3-yaml (or pip install pyyaml)")

EVALUATE_MARK = "evalkit run"  # the command whose exit code is evalkit's


def log(message=""):
    print(message, flush=True)


def fail(message):
    sys.exit(f"ci-example: {message}")


# ---------------------------------------------------------------------------------------------
# The clone and the example


def repository_root():
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run(["git", "-C", here, "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"not in a git checkout: {out.stderr.strip()}")
    return out.stdout.strip()


def make_clone(repo, workdir, with_local_changes):
    """`git clone` of the repository's committed state, optionally with the working tree's changes."""
    clone = os.path.join(workdir, "evalkit")
    log(f"$ git clone {repo} {clone}")
    subprocess.run(["git", "clone", "--quiet", repo, clone], check=True)
    if with_local_changes:
        listed = subprocess.run(["git", "-C", repo, "ls-files", "-z", "--modified", "--others", "--exclude-standard"],
                                capture_output=True, check=True).stdout.split(b"\0")
        deleted = set(subprocess.run(["git", "-C", repo, "ls-files", "-z", "--deleted"],
                                     capture_output=True, check=True).stdout.split(b"\0"))
        copied = 0
        for raw in listed:
            if not raw or raw in deleted:
                continue
            path = raw.decode()
            os.makedirs(os.path.dirname(os.path.join(clone, path)) or clone, exist_ok=True)
            shutil.copy2(os.path.join(repo, path), os.path.join(clone, path))
            copied += 1
        removed = 0
        for raw in deleted:
            if raw and os.path.exists(os.path.join(clone, raw.decode())):
                os.remove(os.path.join(clone, raw.decode()))
                removed += 1
        log(f"(--with-local-changes: copied {copied} changed or new file(s), removed {removed} into the clone)")
    return clone


def read_example(clone, name):
    """The YAML between the markers of docs/ci.md, parsed."""
    path = os.path.join(clone, "docs", "ci.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"<!-- ci-example: %s -->\s*```ya?ml\n(.*?)```\s*<!-- /ci-example -->" % re.escape(name), text, re.S)
    if not match:
        fail(f"{path}: no `<!-- ci-example: {name} -->` ... `<!-- /ci-example -->` block with a ```yaml fence")
    try:
        return yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        fail(f"{path}: the {name} example is not valid YAML: {error}")


def environment(clone, variables, extra):
    env = dict(os.environ)
    env.update({"CI": "true", "HOME": env.get("HOME", "/root")})
    env.update({k: str(v) for k, v in variables.items()})
    env.update(extra)
    if shutil.which("swift", path=env.get("PATH")) is None and os.path.exists("/opt/swift/usr/bin/swift"):
        env["PATH"] = "/opt/swift/usr/bin:" + env.get("PATH", "")
    return env


# ---------------------------------------------------------------------------------------------
# Scenarios


def scenarios(clone, documented_scheme):
    """(name, scheme, expected exit code of the evaluate command)."""
    with open(os.path.join(clone, documented_scheme), encoding="utf-8") as f:
        scheme = json.load(f)
    scheme["name"] = scheme.get("name", "scheme") + "-failing-gate"
    scheme["gates"] = [{"metric": "f1", "min": 0.99}]
    failing = os.path.join(os.path.dirname(documented_scheme), "ci-try-failing-gate.json")
    with open(os.path.join(clone, failing), "w", encoding="utf-8") as f:
        json.dump(scheme, f, indent=2)
    return [
        ("gates pass", documented_scheme, 0),
        ("gate fails", failing, 1),
        ("bad input", os.path.join(os.path.dirname(documented_scheme), "does-not-exist.json"), 2),
    ]


def check_outputs(clone, expected, results_dir, junit, problems):
    """The files a run with this exit code must (or must not) leave."""
    results = os.path.join(clone, results_dir, "results.json")
    junit_path = os.path.join(clone, junit)
    if expected in (0, 1):
        if not os.path.isfile(results):
            problems.append(f"{results_dir}/results.json was not written")
        else:
            with open(results, encoding="utf-8") as f:
                passed = json.load(f).get("passed")
            if passed is not (expected == 0):
                problems.append(f"results.json says passed={passed}")
        if not os.path.isfile(junit_path):
            problems.append(f"{junit} was not written")
        else:
            check_junit(clone, junit_path, expected, problems)
    else:
        if os.path.exists(results):
            problems.append(f"{results_dir}/results.json exists after a run that exited {expected}")


def check_junit(clone, path, expected, problems):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        problems.append(f"the JUnit file is not well-formed XML: {error}")
        return
    failures = root.findall(".//failure")
    cases = root.findall(".//testcase")
    if root.tag != "testsuites" or not cases:
        problems.append("the JUnit file has no <testsuites> with test cases")
    if root.get("failures") != str(len(failures)):
        problems.append(f"JUnit failures={root.get('failures')} but {len(failures)} <failure> element(s)")
    if (expected == 1) != bool(failures):
        problems.append(f"the JUnit file has {len(failures)} failure(s) for a run that exited {expected}")
    xmllint = shutil.which("xmllint")
    schema = os.path.join(clone, "Tests", "Fixtures", "junit", "junit-10.xsd")
    if xmllint and os.path.exists(schema):
        out = subprocess.run([xmllint, "--noout", "--nonet", "--schema", schema, path], capture_output=True, text=True)
        if out.returncode != 0:
            problems.append(f"the JUnit file is not valid against junit-10.xsd: {out.stderr.strip()}")
        else:
            log(f"  {os.path.relpath(path, clone)}: {len(cases)} test case(s), {len(failures)} failure(s), valid against junit-10.xsd")
    else:
        log(f"  {os.path.relpath(path, clone)}: {len(cases)} test case(s), {len(failures)} failure(s) "
            "(xmllint not installed: schema not checked)")


def junit_hint(clone, env):
    """Why a documented run exits 2: an evalkit without `run --junit` (not wired yet)."""
    binary = os.path.join(clone, ".build", "release", "evalkit")
    if os.path.exists(binary):
        out = subprocess.run([binary, "run", "--help"], capture_output=True, text=True, env=env, cwd=clone)
        if "--junit" not in out.stdout + out.stderr:
            return "hint: this evalkit's `run` has no --junit option yet"
    return None


def show(commands):
    for line in commands.rstrip("\n").split("\n"):
        log(f"  $ {line}")


# ---------------------------------------------------------------------------------------------
# GitHub Actions


def github(clone, workdir, workflow):
    jobs = workflow.get("jobs") or {}
    if len(jobs) != 1:
        fail(f"the GitHub example should have one job, has {len(jobs)}")
    (job_name, job), = jobs.items()
    variables = {**(workflow.get("env") or {}), **(job.get("env") or {})}
    if "EVALKIT_SCHEME" not in variables:
        fail("the GitHub example's job must name its scheme in env: EVALKIT_SCHEME")
    shell = ((job.get("defaults") or {}).get("run") or {}).get("shell", "bash")
    if shell != "bash":
        fail(f"unsupported shell {shell!r}")
    steps = job.get("steps") or []
    upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    if len(upload) != 1:
        fail("the GitHub example should upload one artifact (actions/upload-artifact)")
    results_dir = str(upload[0]["with"]["path"]).rstrip("/")
    evaluate = [s for s in steps if EVALUATE_MARK in str(s.get("run", ""))]
    if len(evaluate) != 1:
        fail(f"the GitHub example should have one step that runs `{EVALUATE_MARK}`")
    match = re.search(r"--junit\s+(\S+)", evaluate[0]["run"])
    if not match:
        fail("the Evaluate step has no --junit FILE")
    junit = match.group(1)
    log(f"job {job_name!r} (container {job.get('container')!r}: this machine's Swift stands in for it)")

    outcomes = []
    for name, scheme, expected in scenarios(clone, variables["EVALKIT_SCHEME"]):
        log("")
        log(f"=== scenario: {name} (EVALKIT_SCHEME={scheme}, expected exit {expected}) ===")
        shutil.rmtree(os.path.join(clone, results_dir), ignore_errors=True)
        summary = os.path.join(workdir, f"step-summary-{expected}.md")
        open(summary, "w").close()
        env = environment(clone, variables, {
            "EVALKIT_SCHEME": scheme, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": clone,
            "GITHUB_STEP_SUMMARY": summary, "RUNNER_TEMP": workdir,
        })
        failed = False
        evaluate_code = None
        problems = []
        for index, step in enumerate(steps):
            title = step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0]
            condition = str(step.get("if", "")).strip()
            always = condition in ("${{ !cancelled() }}", "!cancelled()", "${{ always() }}", "always()")
            if condition and not always:
                fail(f"step {title!r}: unsupported if: {condition!r}")
            if failed and not always:
                log(f"- {title}: skipped (an earlier step failed)")
                continue
            if "uses" in step:
                action = str(step["uses"])
                if action.startswith("actions/checkout"):
                    log(f"- {title}: the temporary clone")
                elif action.startswith("actions/upload-artifact"):
                    path = os.path.join(clone, str(step["with"]["path"]))
                    files = sorted(os.path.relpath(os.path.join(d, f), clone)
                                   for d, _, fs in os.walk(path) for f in fs) if os.path.isdir(path) else []
                    log(f"- {title}: would upload {', '.join(files) if files else 'nothing (no such folder)'}")
                else:
                    fail(f"step {title!r}: no stand-in for {action}")
                continue
            log(f"- {title}")
            show(step["run"])
            script = os.path.join(workdir, f"step-{index}.sh")
            with open(script, "w") as f:
                f.write(step["run"])
            code = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                                  cwd=os.path.join(clone, step.get("working-directory", ".")), env=env).returncode
            if EVALUATE_MARK in step["run"]:
                evaluate_code = code
            if code != 0:
                log(f"  (exit {code}: the step fails)")
                failed = True
        job_code = 1 if failed else 0
        if evaluate_code != expected:
            problems.append(f"the Evaluate step exited {evaluate_code}, expected {expected}")
            if expected == 0 and evaluate_code == 2:
                hint = junit_hint(clone, env)
                if hint:
                    problems.append(hint)
        if job_code != (0 if expected == 0 else 1):
            problems.append(f"the job {'failed' if job_code else 'passed'}")
        check_outputs(clone, expected, results_dir, junit, problems)
        with open(summary, encoding="utf-8") as f:
            text = f.read()
        if expected in (0, 1):
            verdict = "passed" if expected == 0 else "failed"
            if verdict not in text.split("\n", 1)[0]:
                problems.append(f"the job summary does not start with the verdict {verdict!r}: {text[:120]!r}")
            else:
                log(f"  job summary: {text.split(chr(10), 1)[0]} ({len(text.splitlines())} lines)")
        outcomes.append((name, expected, evaluate_code, problems))
    return outcomes


# ---------------------------------------------------------------------------------------------
# GitLab CI

GITLAB_KEYWORDS = {"stages", "variables", "default", "include", "workflow", "image", "services",
                   "before_script", "after_script", "cache"}


def gitlab(clone, workdir, pipeline):
    jobs = {k: v for k, v in pipeline.items() if k not in GITLAB_KEYWORDS and not k.startswith(".")}
    if len(jobs) != 1:
        fail(f"the GitLab example should have one job, has {len(jobs)}")
    (job_name, job), = jobs.items()
    variables = {**(pipeline.get("variables") or {}), **(job.get("variables") or {})}
    if "EVALKIT_SCHEME" not in variables:
        fail("the GitLab example's job must name its scheme in variables: EVALKIT_SCHEME")
    lines = list(job.get("before_script") or pipeline.get("before_script") or []) + list(job.get("script") or [])
    evaluate = [line for line in lines if EVALUATE_MARK in line]
    if len(evaluate) != 1:
        fail(f"the GitLab example should have one script line that runs `{EVALUATE_MARK}`")
    artifacts = job.get("artifacts") or {}
    if artifacts.get("when") != "always":
        fail("the GitLab example's artifacts need `when: always` (else a failed gate keeps nothing)")
    junit = (artifacts.get("reports") or {}).get("junit")
    if not junit or not re.search(r"--junit\s+%s(\s|$)" % re.escape(junit), evaluate[0]):
        fail("artifacts:reports:junit must be the file the evalkit line writes with --junit")
    paths = [str(p).rstrip("/") for p in artifacts.get("paths") or []]
    results_dirs = [p for p in paths if re.search(r"--out\s+%s/?(\s|$)" % re.escape(p), evaluate[0])]
    if len(results_dirs) != 1:
        fail("artifacts:paths must keep the --out folder of the evalkit line")
    results_dir = results_dirs[0]
    log(f"job {job_name!r} (image {job.get('image') or pipeline.get('image')!r}: this machine's Swift stands in for it)")

    outcomes = []
    for name, scheme, expected in scenarios(clone, variables["EVALKIT_SCHEME"]):
        log("")
        log(f"=== scenario: {name} (EVALKIT_SCHEME={scheme}, expected exit {expected}) ===")
        shutil.rmtree(os.path.join(clone, results_dir), ignore_errors=True)
        env = environment(clone, variables, {"EVALKIT_SCHEME": scheme, "GITLAB_CI": "true", "CI_PROJECT_DIR": clone})
        failed_command = os.path.join(workdir, "failed-command")
        if os.path.exists(failed_command):
            os.remove(failed_command)
        # As GitLab's runner does: one bash, `set -eo pipefail`, each line echoed before it runs.
        script = ["set -eo pipefail", f"trap 'printf %s \"$BASH_COMMAND\" > {failed_command}' ERR"]
        for line in lines:
            script.append("printf '$ %s\\n' " + shlex_quote(line))
            script.append(line)
        path = os.path.join(workdir, "job.sh")
        with open(path, "w") as f:
            f.write("\n".join(script) + "\n")
        code = subprocess.run(["bash", "--noprofile", "--norc", path], cwd=clone, env=env).returncode
        failing = open(failed_command).read() if os.path.exists(failed_command) else None
        problems = []
        if code == 0:
            evaluate_code = 0
        elif failing is not None and EVALUATE_MARK in failing:
            evaluate_code = code
        else:
            evaluate_code = None
            problems.append(f"the job failed (exit {code}) before evalkit ran: {failing}")
        log(f"  (job exit {code}; artifacts when: always)")
        if evaluate_code is not None and evaluate_code != expected:
            problems.append(f"the evalkit line exited {evaluate_code}, expected {expected}")
            if expected == 0 and evaluate_code == 2:
                hint = junit_hint(clone, env)
                if hint:
                    problems.append(hint)
        for p in paths:
            full = os.path.join(clone, p)
            files = sorted(os.path.relpath(os.path.join(d, f), clone) for d, _, fs in os.walk(full) for f in fs) \
                if os.path.isdir(full) else []
            log(f"  artifacts: would keep {', '.join(files) if files else 'nothing (no such folder)'}")
        log(f"  reports:junit: {junit} {'present' if os.path.isfile(os.path.join(clone, junit)) else 'absent'}")
        check_outputs(clone, expected, results_dir, junit, problems)
        outcomes.append((name, expected, evaluate_code, problems))
    return outcomes


def shlex_quote(text):
    return "'" + text.replace("'", "'\"'\"'") + "'"


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("example", choices=["github", "gitlab"])
    parser.add_argument("--with-local-changes", action="store_true",
                        help="copy the working tree's uncommitted changes into the clone")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    repo = repository_root()
    workdir = tempfile.mkdtemp(prefix=f"evalkit-try-{args.example}-")
    try:
        clone = make_clone(repo, workdir, args.with_local_changes)
        example = read_example(clone, args.example)
        log(f"read the {args.example} example from docs/ci.md")
        outcomes = (github if args.example == "github" else gitlab)(clone, workdir, example)
    finally:
        if args.keep:
            log(f"(kept {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    log("")
    log(f"try-{args.example}: summary")
    bad = 0
    for name, expected, got, problems in outcomes:
        status = "ok" if not problems else "FAILED"
        log(f"  {status:6} {name}: evalkit exit {got} (expected {expected})")
        for problem in problems:
            log(f"         - {problem}")
        bad += bool(problems)
    log(f"{len(outcomes) - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

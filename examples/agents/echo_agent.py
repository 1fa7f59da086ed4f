#!/usr/bin/env python3
"""A Switchboard agent that echoes its tasks back: protocol version 1, standard library only.

The engine starts it with SWITCHBOARD_AGENT (its name) and SWITCHBOARD_HEARTBEAT_INTERVAL in
the environment and talks newline-delimited JSON on stdin/stdout:

  agent -> engine   hello, heartbeat, progress, complete, fail, send, log
  engine -> agent   welcome, task, message, cancel, shutdown, error

Tasks: the result echoes the payload. A payload may ask for {"sleep": seconds} (the task takes
that long, reporting progress) or {"fail": "why"} (the task fails, retryable). A message whose
body has "ping" is answered with a "pong" response to its sender. Anything else on stdin that
is not JSON is reported on stderr and ignored.
"""
import json
import os
import sys
import threading
import time

NAME = os.environ.get("SWITCHBOARD_AGENT", "echo")
INTERVAL = float(os.environ.get("SWITCHBOARD_HEARTBEAT_INTERVAL", "1"))
CAPABILITIES = [c for c in os.environ.get("ECHO_CAPABILITIES", "echo").split(",") if c]

_write_lock = threading.Lock()
_running = threading.Event()
_running.set()
_cancelled = {}


def send(message):
    line = json.dumps(message, separators=(",", ":"))
    with _write_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def heartbeats():
    while _running.is_set():
        send({"type": "heartbeat"})
        time.sleep(INTERVAL)


def work(message):
    task = message["task"]
    payload = message.get("payload")
    cancel = _cancelled.setdefault(task, threading.Event())
    seconds = float(payload.get("sleep", 0)) if isinstance(payload, dict) else 0.0
    steps = 4 if seconds > 0 else 1
    for step in range(1, steps + 1):
        if cancel.wait(seconds / steps if seconds > 0 else 0):
            send({"type": "log", "level": "info", "message": f"{task} cancelled"})
            return
        send({"type": "progress", "task": task, "percent": step * 100 // steps, "note": f"step {step} of {steps}"})
    if isinstance(payload, dict) and payload.get("fail"):
        send({"type": "fail", "task": task, "error": str(payload["fail"]), "retry": True})
        return
    result = {"echo": payload, "title": message.get("title"), "agent": NAME, "attempt": message.get("attempt")}
    send({"type": "complete", "task": task, "result": result, "output": f"{NAME} echoed {task}"})


def main():
    send({"type": "hello", "version": 1, "name": NAME, "capabilities": CAPABILITIES})
    threading.Thread(target=heartbeats, daemon=True).start()
    for raw in sys.stdin:
        try:
            message = json.loads(raw)
        except ValueError:
            print(f"{NAME}: not JSON from the engine: {raw!r}", file=sys.stderr)
            continue
        kind = message.get("type")
        if kind == "task":
            threading.Thread(target=work, args=(message,), daemon=True).start()
        elif kind == "cancel":
            _cancelled.setdefault(message.get("task"), threading.Event()).set()
        elif kind == "message":
            body = message.get("body")
            if isinstance(body, dict) and "ping" in body:
                send({"type": "send", "to": "agent:" + message.get("from", ""), "kind": "response",
                      "body": {"pong": body["ping"], "from": NAME}, "reply_to": message.get("id")})
        elif kind == "shutdown":
            break
        elif kind == "error":
            print(f"{NAME}: the engine says: {message.get('message')}", file=sys.stderr)
    _running.clear()


if __name__ == "__main__":
    main()

// A formation worker that dies at once: the runner must turn it into a failed plan, not a dead process.
throw new Error("the worker fell over");

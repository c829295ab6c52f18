-- wrk's report as one JSON line: requests per second, latency percentiles in milliseconds,
-- and every kind of error (non-2xx/3xx answers included). Used by bench/pages.py.
done = function(summary, latency, requests)
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
   io.write(string.format(
      '{"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d}\n',
      summary.requests,
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000,
      latency:percentile(95) / 1000,
      latency:percentile(99) / 1000,
      errors))
end

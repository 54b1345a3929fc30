-- wrk script of the intake benchmark: POST /api/tickets with varied bodies, HTTP Basic as the bench user.
-- AUTH is substituted by IntakeBenchmark before the run.
local counter = 0
local impacts = {"HIGH", "MEDIUM", "LOW"}
local channels = {"EMAIL", "WEB", "PHONE", "API"}

request = function()
  counter = counter + 1
  local body = string.format(
    '{"subject":"Benchmark ticket %d","description":"Cannot log in to my mailbox since the morning (%d).",' ..
    '"requester":{"name":"Customer %d","email":"customer%d@example.com"},"channel":"%s",' ..
    '"impact":"%s","urgency":"MEDIUM"}',
    counter, counter, counter % 1000, counter % 1000, channels[counter % 4 + 1], impacts[counter % 3 + 1])
  return wrk.format("POST", "/api/tickets",
    {["Content-Type"] = "application/json", ["Authorization"] = "AUTH"}, body)
end

local non201 = 0
response = function(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("WRK requests=%d seconds=%.3f errors=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

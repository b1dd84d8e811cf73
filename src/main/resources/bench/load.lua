-- A mix of what people and scripts ask the catalog, for wrk:
--   wrk -t2 -c64 -d60s --latency -s src/main/resources/bench/load.lua http://127.0.0.1:7070
-- (bench --load-seconds 60 runs it for you, on a 1M-image catalog while syncs write)
-- Search pages with words and facets, a detail page, the JSON twin and a CSV export, in turn.
-- Set AMI_LOAD_IMAGE=region/ami-id to an image of the catalog for the detail page (else it answers 404).
local image = os.getenv("AMI_LOAD_IMAGE") or "us-east-1/ami-00000000000000000"  -- set it to an image of yours
local paths = {
  "/",
  "/?q=ecs",
  "/?q=amzn2&arch=arm64",
  "/?region=eu-west-1&sort=name",
  "/?owner=amazon&page=3",
  "/images/" .. image,
  "/api/images?q=fedora&arch=x86_64",
  "/api/images.csv?q=coreos&region=eu-west-1",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d, timeouts %d, p50 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- wrk script for bench/ingest.py: every request is a new report with its own UUID.
local counter = 0
local function uuid4()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(template, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  math.randomseed(os.time() * 1000 + id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("WASPADA_BENCH_TOKEN")
end
function request()
  local body = string.format(
    '{"id":"%s","kabupaten_kode":"81.02","occurred_at":"%s","category":"unjuk_rasa","severity":3,' ..
    '"title":"Laporan uji beban","description":"Massa berkumpul di depan kantor KPU kabupaten.","crowd_size":150}',
    uuid4(), os.getenv("WASPADA_BENCH_OCCURRED"))
  return wrk.format(nil, "/api/v1/reports", nil, body)
end

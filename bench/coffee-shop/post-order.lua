-- wrk script: POST /orders for the member named in the MEMBER_ID environment variable, signed in
-- with the token in MEMBER_TOKEN.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MEMBER_TOKEN")
wrk.body = '{"memberId":"' .. os.getenv("MEMBER_ID") .. '","item":"espresso","quantity":1}'

-- count non-2xx answers so a run that only measured errors is visible
local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

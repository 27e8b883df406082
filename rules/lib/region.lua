-- The Liverpool City Region: the six local authorities of the Liverpool City
-- Region Combined Authority (Halton, Knowsley, Liverpool, Sefton, St Helens,
-- Wirral). "In the region" in our programmes means the business's address is
-- in one of these six.

local region = {}

-- Canonical spellings, as the Combined Authority writes them.
region.AUTHORITIES = { "Halton", "Knowsley", "Liverpool", "Sefton", "St Helens", "Wirral" }

-- Lower-case, no full stops, single spaces, "saint" -> "st", and without a
-- trailing "council" / "borough council" / "metropolitan borough council" or a
-- leading "city of", so "St. Helens", "ST HELENS", "Saint Helens" and
-- "Wirral Council" all match.
local PREFIXES = { "city of " }
local SUFFIXES = { " metropolitan borough council", " borough council", " city council", " council" }

local function normalise(name)
  local s = (name:lower():gsub("[%.%s%-]+", " "))
  if s:sub(1, 1) == " " then s = s:sub(2) end
  if s:sub(-1) == " " then s = s:sub(1, -2) end
  if s:sub(1, 6) == "saint " then s = "st " .. s:sub(7) end
  for _, prefix in ipairs(PREFIXES) do
    if s:sub(1, #prefix) == prefix then s = s:sub(#prefix + 1) end
  end
  for _, suffix in ipairs(SUFFIXES) do
    if #s > #suffix and s:sub(-#suffix) == suffix then s = s:sub(1, -#suffix - 1) break end
  end
  return s
end

local by_key, exact = {}, {}
for _, name in ipairs(region.AUTHORITIES) do
  by_key[normalise(name)] = name
  exact[name] = name                 -- the usual spelling needs no work
end

-- The canonical name ("St Helens") of a region authority, or nil if the name
-- is not one of the six.
function region.canonical(name)
  if type(name) ~= "string" then return nil end
  return exact[name] or by_key[normalise(name)]
end

-- True when `name` is one of the six local authorities.
function region.contains(name)
  return region.canonical(name) ~= nil
end

-- The criterion "based in the region": the business's address.localAuthority is one of the six.
-- `except` (optional) lists authorities a scheme leaves out, e.g. { "Halton" }; `clause` names
-- the scheme paragraph (default: the Combined Authority's area). The sentence is written from
-- the list, so it always names exactly the authorities that pass.
function region.criterion(except, clause)
  local left_out, names = {}, {}
  for _, name in ipairs(except or {}) do
    left_out[assert(region.canonical(name), "region.criterion: not a region authority: " .. tostring(name))] = true
  end
  for _, name in ipairs(region.AUTHORITIES) do
    if not left_out[name] then names[#names + 1] = name end
  end
  local listed = table.concat(names, ", ", 1, #names - 1) .. " or " .. names[#names]
  local text
  if next(left_out) then
    local out = {}
    for _, name in ipairs(region.AUTHORITIES) do if left_out[name] then out[#out + 1] = name end end
    text = "Based in the Liverpool City Region but not in " .. table.concat(out, " or ") .. " (" .. listed .. ")"
  else
    text = "Based in the Liverpool City Region (" .. listed .. ")"
  end
  return {
    id = "in-region",
    text = text,
    clause = clause or "Liverpool City Region Combined Authority area (the six local authorities)",
    test = function(b, p)
      local name = region.canonical(b.address.localAuthority)
      return name ~= nil and not left_out[name]
    end,
  }
end

-- The criterion "based in England" (address.country), for the national schemes in England.
function region.england_criterion(clause)
  return {
    id = "in-england",
    text = "Based in England",
    clause = clause,
    test = function(b, p) return b.address.country == "england" end,
  }
end

-- Postcode hint (not used as a criterion: postcode districts cross council
-- boundaries; criteria use address.localAuthority). Returns
--   true  for districts lying wholly in the region (L1-L38, CH41-CH49,
--         CH60-CH63, WA8-WA10),
--   false for postcodes outside the L, CH, WA, PR and WN areas,
--   nil   for everything else ("check the local authority").
local WHOLLY_IN = { L = { { 1, 38 } }, CH = { { 41, 49 }, { 60, 63 } }, WA = { { 8, 10 } } }
local BORDER_AREAS = { L = true, CH = true, WA = true, PR = true, WN = true }

-- "ch41 6aa" -> "CH41"; nil if it does not look like a UK postcode.
function region.postcode_district(postcode)
  if type(postcode) ~= "string" then return nil end
  local s = postcode:upper():gsub("%s+", "")
  local district = s:match("^([A-Z][A-Z]?%d[%dA-Z]?)%d[A-Z][A-Z]$")
  return district
end

function region.postcode_in_region(postcode)
  local district = region.postcode_district(postcode)
  if district == nil then return nil end
  local area, num = district:match("^(%a+)(%d+)")
  num = tonumber(num)
  for _, range in ipairs(WHOLLY_IN[area] or {}) do
    if num >= range[1] and num <= range[2] and district == area .. tostring(num) then
      return true
    end
  end
  if not BORDER_AREAS[area] then return false end
  return nil
end

return region

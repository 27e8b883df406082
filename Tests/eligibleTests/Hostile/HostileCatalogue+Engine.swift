/// The catalogue's first half: trusted code meeting script values, C functions that run without
/// instructions, read-only through every door, and budgets. Each case marks with `--!` the line
/// its programme's rule error must name.
extension HostileCatalogue {
    static let loop = "function() while true do end end"

    /// Trusted code meeting script values: every metamethod a value can carry, where the engine
    /// reads errors, results and declarations.
    static let metamethods: [HostileCase] = [
        .test("an error whose __eq loops", "error(setmetatable({}, { __eq = \(loop) })) --!", .metamethods),
        .test("an error whose __index loops", "error(setmetatable({}, { __index = \(loop) })) --!", .metamethods),
        .test("an error whose __tostring loops", "error(setmetatable({}, { __tostring = \(loop) })) --!", .metamethods),
        .test("an error whose __len and __concat loop", "error(setmetatable({}, { __len = \(loop), __concat = \(loop) })) --!", .metamethods),
        .test("an error whose __name is a table", "error(setmetatable({}, { __name = {} })) --!", .metamethods),
        .test("an error whose __lt and __le loop", "error(setmetatable({}, { __lt = \(loop), __le = \(loop) })) --!", .metamethods),
        .test("an error whose __metatable hides it", "error(setmetatable({}, { __metatable = false, __eq = \(loop) })) --!", .metamethods),
        .test("a test returning a table whose __eq loops", "return setmetatable({}, { __eq = \(loop) })", .metamethods, saying: "returned a table"),
        .test("a test returning a table whose __index loops", "return setmetatable({}, { __index = \(loop) })", .metamethods, saying: "returned a table"),
        .test("a test returning a table whose __call loops", "return setmetatable({}, { __call = \(loop) })", .metamethods, saying: "returned a table"),
        .award("an award returning a table whose __lt loops", "return setmetatable({}, { __lt = \(loop), __le = \(loop) })", .metamethods),
        .award("an award returning a table whose __tostring loops", "return setmetatable({}, { __tostring = \(loop) })", .metamethods),
        .award("an award whose second value loops", "return 100, setmetatable({}, { __tostring = \(loop), __concat = \(loop) })", .metamethods),
        .file("a file whose load-time error's __tostring loops", .metamethods, .loadProblem,
              "error(setmetatable({}, { __tostring = \(loop) })) --!\nreturn programme {}\n"),
        .file("a file returning a table whose __index loops", .metamethods, .loadProblem,
              "--@1 a file with no `return programme {` is reported at line 1\nlocal t = setmetatable({}, { __index = \(loop) })\nreturn t\n"),
        .file("open_from changed after validation", .metamethods, .loadProblem, """
            local d = programme { id = "{{ID}}", title = "T", summary = "S", guidance = "https://example.org", sources = { "s" },
              open = { from = "2020-01-01" },
              criteria = { { id = "c", text = "C", clause = "1", test = function() return true end } },
              award = { amount = function() return 100 end, maximum = 1000 } }
            d.open_from = setmetatable({}, { __lt = \(loop), __le = \(loop) }) --!
            return d
            """),
        .declaration("parameters behind an __index that loops", .metamethods,
                     fields: "open = { from = \"2020-01-01\" }, params = setmetatable({}, { __index = \(loop), __pairs = \(loop) }),"),
        .declaration("open behind metamethods", .metamethods,
                     fields: "open = setmetatable({ from = \"2020-01-01\" }, { __index = \(loop) }),"),
        .declaration("open.to whose __tostring loops", .metamethods,
                     fields: "open = { from = \"2020-01-01\", to = setmetatable({}, { __tostring = \(loop), __lt = \(loop) }) },"),
        .declaration("open.from a table whose __name is not text", .metamethods,
                     fields: "open = { from = setmetatable({}, { __name = setmetatable({}, { __tostring = \(loop) }) }) },"),
        .declaration("a parameter whose __pairs loops", .metamethods,
                     fields: "open = { from = \"2020-01-01\" }, params = { t = setmetatable({}, { __pairs = \(loop) }) },"),
        .file("a declaration behind a metatable", .metamethods, .loadProblem,
              "return programme(setmetatable({}, { __index = function(_, k) if k == 'id' then return '{{ID}}' end while true do end end })) --!\n"),
        .file("a test that is a callable table", .metamethods, .loadProblem, """
            return programme { --!
              id = "{{ID}}", title = "T", summary = "S", guidance = "https://example.org", sources = { "s" },
              open = { from = "2020-01-01" },
              criteria = { { id = "c", text = "C", clause = "1", test = setmetatable({}, { __call = function() return true end }) } },
              award = { amount = function() return 100 end, maximum = 1000 } }
            """),
        .file("a title whose __concat loops", .metamethods, .loadProblem, """
            return programme { --!
              id = "{{ID}}", title = setmetatable({}, { __concat = \(loop), __tostring = \(loop) }), summary = "S",
              guidance = "https://example.org", sources = { "s" }, open = { from = "2020-01-01" },
              criteria = { { id = "c", text = "C", clause = "1", test = function() return true end } },
              award = { amount = function() return 100 end, maximum = 1000 } }
            """),
    ]

    /// C functions that would run long without executing one VM instruction.
    static let cFunctions: [HostileCase] = [
        .test("string.rep of the empty string", "return #string.rep('', math.maxinteger) > 0 --!", .cFunctions),
        .test("string.rep with a separator", "return #string.rep('', math.maxinteger, '') > 0 --!", .cFunctions),
        .test("string.rep of a long string", "return #(('x'):rep(1 << 20)):rep(1 << 20) > 0 --!", .cFunctions),
        .test("table.move over the integers", "table.move({}, 1, math.maxinteger - 1, 2) --!", .cFunctions),
        .test("table.move from the bottom", "table.move({}, math.mininteger + 1, 0, 1) --!", .cFunctions),
        .test("table.move a million into a table", "local t = {} table.move(t, 1, 1 << 40, 1 << 41, {}) return true --!", .cFunctions),
        .test("gmatch with a leading ^", "for m in string.gmatch(('a'):rep(200000), '^a-b') do end return true --!", .cFunctions),
        .test("gmatch with a leading ^ on an empty match", "local n = 0 for m in string.gmatch(('a'):rep(1 << 22), '^a*$') do n = n + 1 end error('finished') --!", .cFunctions),
        .test("unknown of 200000 names", "local t = {} for i = 1, 200000 do t[i] = 'employees' end return unknown(b, table.unpack(t)) --!", .cFunctions),
        .test("select over a long unpack", "local t = {} for i = 1, 200000 do t[i] = i end local n = 0 for i = 1, 200000 do n = n + select(i, table.unpack(t)) end return n > 0 --!", .cFunctions),
        .test("table.unpack over the integers", "return select('#', table.unpack({}, 1, math.maxinteger)) > 0 --!", .cFunctions),
        .test("has of many names", "local t = {} for i = 1, 100000 do t[i] = 'employees' end local r = has(b, table.unpack(t)) error('finished') --!", .cFunctions),
        .test("a million pattern calls", "local s = ('a'):rep(64) local n = 0 while true do n = n + #string.gsub(s, 'a', 'b') end --!", .cFunctions),
        .test("table.concat of a huge separator", "local t = {} for i = 1, 1000 do t[i] = 'x' end return #table.concat(t, ('y'):rep(1 << 20)) > 0", .cFunctions),
        .test("string.byte of a long range", "return select('#', string.byte(('x'):rep(1 << 20), 1, -1)) > 0 --!", .cFunctions),
        .test("string.format of a long width", "return #string.format('%099d%099d', 1, 2):rep(1 << 30) > 0 --!", .cFunctions),
        .test("gsub with an empty pattern on a long string", "local r = string.gsub(('a'):rep(1 << 22), '', 'xy') error('finished') --!", .cFunctions),
        .test("string.find of a long plain needle", "local h = ('a'):rep(1 << 20) local r = string.find(h:rep(16), h:sub(2) .. 'b', 1, true) error('finished') --!", .cFunctions),
        .test("utf8.char of many code points", "local t = {} for i = 1, 200000 do t[i] = 0x10FFFF end return #utf8.char(table.unpack(t)) > 0 --!", .cFunctions),
        .test("table.sort of a long list", "local t = {} for i = 1, 1 << 22 do t[i] = -i end table.sort(t) return true --!", .cFunctions),
        .test("string.rep of a float count", "return #string.rep('', 2^62) > 0 --!", .cFunctions),
        .test("string.rep of a count written as text", "return #string.rep('', '9223372036854775807') > 0 --!", .cFunctions),
        .test("table.move of a float range", "table.move({}, 1, 2^53, 2) return true --!", .cFunctions),
        .test("table.move of a range written as text", "table.move({}, '1', '9007199254740992', '2') return true --!", .cFunctions),
        .test("table.concat of a float range", "return #table.concat({}, '', 1.0, 2^60) > 0 --!", .cFunctions),
        .test("table.unpack of a float range", "return select('#', table.unpack({}, 1.0, 2^40)) > 0 --!", .cFunctions),
        .test("unpacking 99,999 values in a loop", "local t = {} for i = 1, 99999 do t[i] = i end local n = 0 while true do n = n + select('#', table.unpack(t)) end --!", .cFunctions),
        .test("gsub of a long simple pattern", "local h = ('a'):rep(1 << 23) local r = string.gsub(h, ('a'):rep(1 << 16) .. 'b', '') error('finished') --!", .cFunctions),
        .test("find of a long simple pattern", "local h = ('a'):rep(1 << 23) local r = string.find(h, ('a'):rep(1 << 16) .. 'b') error('finished') --!", .cFunctions),
        .test("a backtracking pattern", "return string.find(('a'):rep(200), '.-.-.-.-b') ~= nil --!", .cFunctions, saying: "could take too long"),
        .test("%b on a long text", "return string.find(('('):rep(20000), '%b()') ~= nil --!", .cFunctions, saying: "could take too long"),
        .test("gmatch backtracking", "for m in string.gmatch(('a'):rep(300), '(.-)(.-)(.-)b') do end return true --!", .cFunctions, saying: "could take too long"),
        .test("table.insert at the largest position", "local t = {} table.insert(t, math.maxinteger, 1) return true --!", .cFunctions),
        .test("string.pack of a long format", "return #string.pack(('i16'):rep(1 << 22), 1) > 0 --!", .cFunctions),
    ]

    /// Read-only through every door: `pairs`, `next`, keys, metatables.
    static let readOnly: [HostileCase] = [
        .test("the state pairs hands out for math", "local _, s = pairs(math) s.min = function() return 0 end return true --!", .readOnly),
        .test("the state pairs hands out for string", "local _, s = pairs(string) s.format = function() return '' end return true --!", .readOnly),
        .test("the state pairs hands out for table", "local _, s = pairs(table) s.concat = nil return true --!", .readOnly),
        .test("the state pairs hands out for the business", "local _, s = pairs(b) s.employees = 1 return true --!", .readOnly),
        .test("the state pairs hands out for the parameters", "local _, s = pairs(p) s.as_of = '1999-01-01' return true --!", .readOnly),
        .test("next over a library", "local k, v = next(math) math[k or 'x'] = 1 return true --!", .readOnly),
        .test("the values pairs yields from a library", "for k, v in pairs(string) do if type(v) == 'table' then v.x = 1 end end string.upper = nil return true --!", .readOnly),
        .test("the metatable of a library", "getmetatable(math).__index.min = nil return true --!", .readOnly),
        .test("the metatable of string", "getmetatable(string).__index.format = nil return true --!", .readOnly),
        .test("the metatable of the business", "getmetatable(b).__index = {} return true --!", .readOnly),
        .test("the metatable of the parameters", "getmetatable(p).__index = {} return true --!", .readOnly),
        .test("setmetatable on a library", "setmetatable(math, {}) return true --!", .readOnly),
        .test("setmetatable on the business", "setmetatable(b, {}) return true --!", .readOnly),
        .test("the string metatable's __index", "getmetatable('').__index = {} return true --!", .readOnly),
        .test("a frozen upvalue's pairs state", "local _, s = pairs(T) s.a = 2 return true --!", .readOnly, prelude: "local T = { a = 1 }"),
        .test("a frozen upvalue's nested table", "T.inner.a = 2 return true --!", .readOnly, prelude: "local T = { inner = { a = 1 } }"),
        .test("a table used as a key", "for k in pairs(T) do k.x = 1 end return true --!", .readOnly, prelude: "local T = { [{}] = true }"),
        .test("a key table's metatable", "for k in pairs(T) do setmetatable(k, {}) end return true --!", .readOnly, prelude: "local T = { [{}] = true }"),
        .test("a required module's pairs state", "local _, s = pairs(region) s.AUTHORITIES = {} return true --!", .readOnly, prelude: "local region = require 'region'"),
        .test("a required module's function", "money.format = function() return '' end return true --!", .readOnly, prelude: "local money = require 'money'"),
        .test("a required module's list via table.insert", "table.insert(region.AUTHORITIES, 'Wigan') return true --!", .readOnly, prelude: "local region = require 'region'"),
        .test("a required module's list via table.sort", "table.sort(region.AUTHORITIES, function(a, b) return a > b end) return true --!", .readOnly, prelude: "local region = require 'region'"),
        .test("table.remove from a library", "table.remove(T) return true --!", .readOnly, prelude: "local T = { 1, 2, 3 }"),
        .test("the environment", "_ENV.math = {} return true --!", .readOnly),
        .test("the environment's metatable", "setmetatable(_ENV, nil) return true --!", .readOnly),
        .test("_G", "_G.pounds = function() return 0 end return true --!", .readOnly),
        .test("rawset on a library", "rawset(math, 'min', nil) return true --!", .readOnly),
        .test("a closure key's upvalue", "for f in pairs(T) do f() end return true", .readOnly, prelude: "local n = 0\nlocal T = { [function() n = n + 1 end] = true }", atProgramme: true,
              saying: "changed"),
    ]

    /// Budgets: instructions per call, per programme and per business; recursion.
    static let budgets: [HostileCase] = [
        .test("a plain loop", "while true do end --!", .budgets, saying: "ran too long"),
        .test("a loop inside pcall", "while true do pcall(function() while true do end end) end --!", .budgets, saying: "ran too long"),
        .test("a loop in an __index", "local t = setmetatable({}, { __index = function() while true do end end }) return t.x --!", .budgets, saying: "ran too long"),
        .test("a loop in a gsub callback", "return (string.gsub('aaa', 'a', function() while true do end end)) ~= nil --!", .budgets, saying: "ran too long"),
        .test("a loop in a sort comparator", "local t = { 3, 2, 1 } table.sort(t, function(a, b) while true do end end) return true --!", .budgets, saying: "ran too long"),
        .test("a loop in a __tostring a script calls", "return tostring(setmetatable({}, { __tostring = function() while true do end end })) ~= '' --!", .budgets, saying: "ran too long"),
        .test("a loop in an error handler", "return xpcall(error, function() while true do end end)", .budgets, saying: "ran too long"),
        .test("deep recursion", "local function f(n) return 1 + f(n + 1) end return f(1) > 0 --!", .budgets, saying: "stack overflow"),
        .file("a loop while loading", .budgets, .loadProblem, "while true do end --!\nreturn programme {}\n"),
        .file("a loop in a load-time __index", .budgets, .loadProblem,
              "local t = setmetatable({}, { __index = function() while true do end end }) --!\nlocal x = t.x\nreturn programme {}\n"),
        .file("200 criteria each spending most of a budget", .budgets, .ruleError, criteriaSpendingBudgets, saying: "ran too long", seconds: 12),
    ]

    /// 200 criteria whose tests each count to 9 million: a budget per call lets each one pass,
    /// so only a budget per programme (or business) stops them.
    static let criteriaSpendingBudgets: String = {
        var text = "local function spin()\n  local n = 0 while n < 9000000 do n = n + 1 end --!\n  return true\nend\n"
        text += "return programme { id = \"{{ID}}\", title = \"T\", summary = \"S\", guidance = \"https://example.org\", sources = { \"s\" },\n"
        text += "  open = { from = \"2020-01-01\" },\n  criteria = {\n"
        for n in 1...200 { text += "    { id = \"c\(n)\", text = \"C\", clause = \"\(n)\", test = spin },\n" }
        text += "  },\n  award = { amount = function() return 100 end, maximum = 1000 } }\n"
        return text
    }()
}

/// The catalogue's second half: one programme's output, arithmetic, identity, locations,
/// memory and the classic sandbox escapes.
extension HostileCatalogue {
    /// A declaration with `fields` in place of a usual part, written in full.
    static func declaring(_ fields: String, title: String = "\"T\"", award: String = "amount = function() return 100 end, maximum = 1000",
                          mark: DeclarationMark = .programme) -> String {
        """
        return programme {\(mark == .programme ? " --!" : "")
          id = "{{ID}}", title = \(title), summary = "S", guidance = "https://example.org", sources = { "s" },
          open = { from = "2020-01-01" }, \(fields)
          criteria = { { id = "c", text = "C", clause = "1", test = function() return true end } },
          award = { \(award) } }\(mark == .award ? " --!" : "")
        """
    }

    /// Where a declaration's problem is reported: the programme's line, or the award's.
    enum DeclarationMark { case programme, award }

    /// One programme's output: bytes, numbers, functions, cycles and limits nobody can show.
    static let output: [HostileCase] = [
        .test("an error with a \\255 byte", "error('bad \\255 byte') --!", .output),
        .test("an error that is only \\255", "error('\\255', 0) --!", .output),
        .test("an error with a NUL byte", "error('a \\0 b') --!", .output),
        .test("an error of a megabyte", "error(('x'):rep(1 << 20)) --!", .output),
        .test("an error of ten thousand lines", "error(('line\\n'):rep(10000)) --!", .output),
        .award("an award error with a \\255 byte", "error('\\255\\254') --!", .output),
        .test("a missing path with a \\255 byte", "return b['\\255'] ~= nil --!", .output),
        .test("unknown of a name with a \\255 byte", "return (unknown(b, 'emp\\255loyees')) --!", .output),
        .test("a test returning a string with a \\255 byte", "return '\\255'", .output, saying: "returned a string"),
        .test("a test returning true and a \\255 explanation", "return true, '\\255' .. error('x') --!", .output),
        .award("an award returning a function", "return function() end", .output),
        .award("an award returning NaN", "return 0/0", .output, saying: "finite"),
        .award("an award returning infinity", "return 1/0", .output, saying: "finite"),
        .award("an award returning -0.5", "return -0.5", .output),
        .award("an award returning a string", "return '100'", .output),
        .award("an award returning fractional pence", "return 10.5", .output, saying: "not a whole number of pence"),
        .award("an award returning a negative amount", "return -1", .output, saying: "negative"),
        .test("a test returning a table", "return {}", .output, saying: "returned a table"),
        .test("an error that is nil", "error(nil) --!", .output, saying: "raised a nil"),
        .test("an error whose __tostring raises", "error(setmetatable({}, { __tostring = function() error('boom') end })) --!", .output, saying: "raised a table"),
        .file("a title with a \\255 byte", .output, .loadProblem, declaring("", title: "\"bad \\255 title\"")),
        .file("a parameter that is NaN", .output, .loadProblem, declaring("params = { x = 0/0 },")),
        .file("a parameter that is a function", .output, .loadProblem, declaring("params = { x = function() end },")),
        .file("a cyclic parameter", .output, .loadProblem, "local t = {}\nt.t = t\n" + declaring("params = { x = t },")),
        .file("a parameter key with a \\255 byte", .output, .loadProblem, declaring("params = { x = { ['\\255'] = 1 } },")),
        .file("a maximum above the money limit", .output, .loadProblem, declaring("", award: "amount = function() return 100 end, maximum = math.maxinteger", mark: .award)),
        .file("a maximum that is NaN", .output, .loadProblem, declaring("", award: "amount = function() return 100 end, maximum = 0/0", mark: .award)),
        .file("a forged programme record", .output, .loadProblem, """
            --@1 a file with no `return programme {` is reported at line 1
            return {
              id = "{{ID}}", title = "T", file = "rules/kickstart.lua", open_from = "2020-01-01",
              criteria = { { id = "c", text = "C", test = function() return true end, line = 1 } },
              award = { amount = function() return 100 end, maximum = 1000, rounding = "none", line = 1 } }
            """),
        .file("two programmes in one file", .output, .loadProblem,
              "local first = " + declaring("").dropFirst("return ".count).replacingOccurrences(of: " --!", with: "") + "\n" + declaring("")),
        .file("a text in a criterion with a \\255 byte", .output, .loadProblem, """
            return programme {
              id = "{{ID}}", title = "T", summary = "S", guidance = "https://example.org", sources = { "s" },
              open = { from = "2020-01-01" },
              criteria = { { id = "c", text = "bad \\255", clause = "1", test = function() return true end } }, --!
              award = { amount = function() return 100 end, maximum = 1000 } }
            """),
    ]

    /// Arithmetic overflow: awards near the integer limits, with and without rounding.
    static let arithmetic: [HostileCase] = [
        .award("math.maxinteger rounded down to the pound", "return math.maxinteger", .arithmetic, rounding: "down-to-pound"),
        .award("math.maxinteger rounded to the nearest pound", "return math.maxinteger", .arithmetic, rounding: "nearest-pound"),
        .award("math.maxinteger - 1 rounded to the nearest pound", "return math.maxinteger - 1", .arithmetic, rounding: "nearest-pound"),
        .award("math.maxinteger unrounded", "return math.maxinteger", .arithmetic),
        .award("math.mininteger", "return math.mininteger", .arithmetic, rounding: "down-to-pound"),
        .award("a wrapped sum", "return math.maxinteger + 1", .arithmetic),
        .award("2^63 as a float", "return 2^63", .arithmetic, rounding: "nearest-pound"),
        .award("1e300", "return 1e300", .arithmetic, rounding: "down-to-pound"),
        .award("pounds of a trillion and one", "return (pounds(1e12 + 1)) --!", .arithmetic),
        .award("pounds of NaN", "return (pounds(0/0)) --!", .arithmetic),
        .award("percent of the largest integer", "return (percent(math.maxinteger, 100)) --!", .arithmetic),
        .award("percent of a huge percentage", "return (percent(100, 1e300)) --!", .arithmetic),
    ]

    /// Identity: ids, forged locations and budgets spent inside `require`.
    static let identity: [HostileCase] = [
        .file("another programme's id", .identity, .loadProblem, declaring("").replacingOccurrences(of: "{{ID}}", with: "kickstart")),
        .file("an id with a \\255 byte", .identity, .loadProblem, declaring("").replacingOccurrences(of: "{{ID}}", with: "\\255")),
        .test("a forged location of another file", "error('rules/kickstart.lua:21: forged') --!", .identity),
        .test("a forged location at level 0", "error('rules/kickstart.lua:21: forged', 0) --!", .identity),
        .test("a forged location of its own file", "error('rules/{{ID}}.lua:1: forged', 0) --!", .identity),
        .test("a forged chunk name", "error('[string \"runtime\"]:1: forged', 0) --!", .identity),
        .test("a forged diagnostic table", "error({ file = 'rules/kickstart.lua', line = 3, code = 'error', message = 'forged' }) --!", .identity),
        .test("an error at level 2", "error('up one', 2) --!", .identity),
        .test("an error at level 5", "error('up five', 5) --!", .identity),
        .test("a budget spent requiring", "while true do package = nil require 'timeline' end --!", .identity),
        .file("a load-time budget spent requiring", .identity, .loadProblem,
              "while true do for _, m in ipairs { 'lists', 'dates', 'money', 'region', 'timeline' } do require(m) end end --!\nreturn programme {}\n"),
        .file("a require that fails", .identity, .loadProblem, "local m = require 'no_such_module' --!\nreturn programme {}\n"),
        .file("a require of a path", .identity, .loadProblem, "local m = require '../../etc/passwd' --!\nreturn programme {}\n"),
        .file("a require of itself", .identity, .loadProblem, "local m = require '{{ID}}' --!\nreturn programme {}\n"),
    ]

    /// Locations: runtime errors at the rule file's line, long lines, far dates.
    static let locations: [HostileCase] = [
        .test("indexing nil", "local x = nil return x.y --!", .locations),
        .test("calling nil", "local f return f() --!", .locations),
        .test("arithmetic on a string", "return 'a' + 1 > 0 --!", .locations),
        .test("an error inside a helper defined above", "return helper()", .locations, prelude: "local function helper()\n  error('deep') --!\nend"),
        .test("an error inside a library", "return #money.format('x') > 0 --!", .locations, prelude: "local money = require 'money'"),
        .test("assert(false)", "assert(false) --!", .locations),
        .test("assert with a table", "assert(false, {}) --!", .locations),
        .test("a long line above the programme", "error('x') --!", .locations, prelude: "local LONG = '" + String(repeating: "a", count: 400) + "'"),
        .test("a very long line above the programme", "error('x') --!", .locations, prelude: "local LONG = { " + String(repeating: "'abcdefgh', ", count: 2000) + "}"),
        .test("an error on a very long line", "local x = '" + String(repeating: "b", count: 5000) + "' error(x) --!", .locations),
        .test("an error a thousand lines down", "error('far') --!", .locations, prelude: String(repeating: "\n", count: 1000)),
        .file("open until 9999-12-31", .locations, .ruleError, """
            return programme {
              id = "{{ID}}", title = "T", summary = "S", guidance = "https://example.org", sources = { "s" },
              open = { from = "2020-01-01", to = "9999-12-31" },
              criteria = { { id = "c", text = "C", clause = "1", test = function() error('open') end } }, --!
              award = { amount = function() return 100 end, maximum = 1000 } }
            """),
        .file("open until 9999-12-31T23:59", .locations, .ruleError, """
            return programme {
              id = "{{ID}}", title = "T", summary = "S", guidance = "https://example.org", sources = { "s" },
              open = { from = "2020-01-01", to = "9999-12-31T23:59" },
              criteria = { { id = "c", text = "C", clause = "1", test = function() error('open') end } }, --!
              award = { amount = function() return 100 end, maximum = 1000 } }
            """),
        .file("a syntax error", .locations, .loadProblem, "local x = = 1 --!\nreturn programme {}\n"),
        .file("a syntax error on a long line", .locations, .loadProblem,
              "local x = '" + String(repeating: "c", count: 3000) + "' + + --!\nreturn programme {}\n"),
        .file("an unfinished string", .locations, .loadProblem, "local x = 'abc --!\nreturn programme {}\n"),
        .file("an error while loading", .locations, .loadProblem, "error('no') --!\nreturn programme {}\n"),
        .file("an empty file", .locations, .loadProblem, "--@1 \n"),
        .file("a binary chunk", .locations, .loadProblem, "\u{1B}LuaT\u{0}\u{19}\n--@1 \n"),
        .file("a file that is not UTF-8", .locations, .loadProblem, "--@1 {{FF}}\n", saying: "not UTF-8"),
        .file("a 50 MB file", .locations, .loadProblem, "--@1 " + String(repeating: " ", count: 50 << 20) + "\n", saying: "at most 1024 KiB"),
        .file("10,000 criteria", .locations, .loadProblem, "return programme { id = \"{{ID}}\", title = \"T\", summary = \"S\", guidance = \"G\", open = { from = \"2020-01-01\" }, --!\n criteria = {\n"
            + (1...10_000).map { "{ id = \"c\($0)\", text = \"C\", test = function() return true end },\n" }.joined()
            + "}, award = { amount = function() return 1 end, maximum = 1 } }\n", saying: "more than 200 criteria"),
    ]

    /// Memory: hoarding at load and at run time.
    static let memory: [HostileCase] = [
        .test("string.rep of a gigabyte", "return #string.rep('x', 1e9) > 0 --!", .memory),
        .test("a table of tables", "local t = {} for i = 1, 1e9 do t[i] = {} end return true", .memory),
        .test("doubling a string", "local s = 'x' while true do s = s .. s end", .memory),
        .award("doubling a string in an award", "local s = 'x' while true do s = s .. s end", .memory),
        .file("64 MiB hoarded at load", .memory, .loadProblem,
              """
              local hoard = {}
              for i = 1, 250000 do hoard[i] = { i } end
              return programme { --!
                id = "{{ID}}", title = "T", summary = "S", guidance = "https://example.org", sources = { "s" },
                open = { from = "2020-01-01" },
                criteria = { { id = "c", text = "C", clause = "1", test = function() return #hoard > 0 end } },
                award = { amount = function() return 100 end, maximum = 1000 } }
              """),
        .file("a table of tables hoarded at load", .memory, .loadProblem,
              "local hoard = {}\nfor i = 1, 1e9 do hoard[i] = {} end\nreturn programme {} --!\n"),
    ]

    /// The classic escapes: os, io, debug, load, coroutines, globals, the business.
    static let escapes: [HostileCase] = [
        .test("io", "return io.open('/etc/passwd') ~= nil --!", .escapes),
        .test("os", "return os.time() > 0 --!", .escapes),
        .test("debug", "return debug.getinfo(1) ~= nil --!", .escapes),
        .test("load", "return load('return 1') ~= nil --!", .escapes),
        .test("dofile", "return dofile('/etc/passwd') ~= nil --!", .escapes),
        .test("string.dump", "return string.dump(function() end) ~= nil --!", .escapes),
        .test("coroutines", "return coroutine.wrap(function() end) ~= nil --!", .escapes),
        .test("collectgarbage", "collectgarbage() return true --!", .escapes),
        .test("a global write", "leaked = 1 return true --!", .escapes),
        .test("writing the business", "b.employees = 0 return true --!", .escapes),
        .test("writing a nested fact", "b.address.localAuthority = 'Wigan' return true --!", .escapes),
        .test("an upvalue counter", "count = count + 1 return true", .escapes, prelude: "local count = 0", atProgramme: true, saying: "changed 'count'"),
        .test("setmetatable with __gc", "setmetatable({}, { __gc = function() end }) return true --!", .escapes),
        .test("rawset on the environment", "rawset(_ENV, 'x', 1) return true --!", .escapes),
        .file("a require of an absolute path", .escapes, .loadProblem, "local m = require '/etc/passwd' --!\nreturn programme {}\n", saying: "one plain word"),
        .test("setmetatable with __mode", "setmetatable({}, { __mode = 'k' }) return true --!", .escapes),
    ]
}

/*
 * shim.h: the parts of Lua 5.4's C API that Swift cannot import directly.
 *
 * Lua exposes much of its API as macros (lua_pcall, lua_tostring, lua_pop, ...) and one variadic
 * function (lua_gc). Each gets a `static inline` equivalent here that expands the real macro, so
 * every constant comes from the installed headers, never from a copied number.
 *
 * It also holds the few pieces that must be C because they raise Lua errors (longjmp), which must
 * never cross a Swift frame: the capped allocator, the instruction-budget hook, the protected-call
 * wrapper that arms both, and the trampoline that raises a Swift function's error after the
 * Swift frame has returned.
 */
#ifndef ELIGIBLE_CLUA_SHIM_H
#define ELIGIBLE_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- Constants that are macros ---------------------------------------------------------- */

static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int clua_multret(void) { return LUA_MULTRET; }
static inline int clua_minstack(void) { return LUA_MINSTACK; }
static inline lua_Integer clua_ridx_globals(void) { return LUA_RIDX_GLOBALS; }
static inline int clua_noref(void) { return LUA_NOREF; }
static inline int clua_refnil(void) { return LUA_REFNIL; }
static inline lua_Integer clua_maxinteger(void) { return LUA_MAXINTEGER; }
static inline lua_Integer clua_mininteger(void) { return LUA_MININTEGER; }

/* ---- Functions that are macros ---------------------------------------------------------- */

static inline int clua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcall(L, nargs, nresults, msgh);
}
static inline const char *clua_tostring(lua_State *L, int idx) { return lua_tostring(L, idx); }
static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void clua_newtable(lua_State *L) { lua_newtable(L); }
static inline int clua_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
static inline void clua_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline void clua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void clua_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void clua_replace(lua_State *L, int idx) { lua_replace(L, idx); }
static inline void *clua_getextraspace(lua_State *L) { return lua_getextraspace(L); }
static inline lua_Number clua_tonumber(lua_State *L, int idx) { return lua_tonumber(L, idx); }
static inline lua_Integer clua_tointeger(lua_State *L, int idx) { return lua_tointeger(L, idx); }
static inline void clua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }

/* lua_gc is variadic, which Swift cannot call. */
static inline int clua_gc_collect(lua_State *L) { return lua_gc(L, LUA_GCCOLLECT); }
static inline int clua_gc_count_kb(lua_State *L) { return lua_gc(L, LUA_GCCOUNT); }

/* ---- Limits: a capped allocator and an instruction budget ------------------------------ */

/*
 * Per-state accounting, owned by the Swift state object and passed to Lua as the allocator's
 * user data. The memory cap applies only while `enforcing` is set, that is while Lua code runs
 * inside clua_pcall_limited; host-side pushes never fail with LUA_ERRMEM.
 */
typedef struct clua_limits {
    size_t used_bytes;          /* bytes currently allocated by this state */
    size_t cap_bytes;           /* the most Lua code may hold while `enforcing` */
    int enforcing;              /* 1 while Lua code runs under clua_pcall_limited */
    int memory_refused;         /* set when an allocation was refused by the cap */
    int budget_spent;           /* set when the instruction budget ran out */
    int instruction_budget;     /* instructions one protected call may run; 0 = none */
} clua_limits;

static void *clua_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_limits *limits = (clua_limits *)ud;
    if (ptr == NULL) osize = 0; /* when ptr is NULL, osize encodes the object's type */
    if (nsize == 0) {
        free(ptr);
        limits->used_bytes -= osize;
        return NULL;
    }
    if (limits->enforcing && nsize > osize &&
        limits->used_bytes - osize + nsize > limits->cap_bytes) {
        limits->memory_refused = 1;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block != NULL) limits->used_bytes = limits->used_bytes - osize + nsize;
    return block;
}

static inline clua_limits *clua_limits_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (clua_limits *)ud;
}

/* Creates a state whose allocations are accounted in `limits` (which must outlive it). */
static inline lua_State *clua_newstate(clua_limits *limits) {
    return lua_newstate(clua_alloc, limits);
}

/*
 * The count hook. Once the budget is spent it re-arms itself on every instruction, so a
 * script's own pcall cannot swallow the error and carry on.
 */
static void clua_budget_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    clua_limits_of(L)->budget_spent = 1;
    lua_sethook(L, clua_budget_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, "instruction budget exhausted");
}

/*
 * lua_pcall with the limits armed: the memory cap enforced and, when `budgeted`, a fresh
 * instruction budget (trusted drivers pass 0 and budget each script call with budgeted_pcall).
 * Both are disarmed again before returning, whatever happened.
 */
static inline int clua_pcall_limited(lua_State *L, int nargs, int nresults, int msgh, int budgeted) {
    clua_limits *limits = clua_limits_of(L);
    limits->memory_refused = 0;
    limits->budget_spent = 0;
    if (budgeted && limits->instruction_budget > 0)
        lua_sethook(L, clua_budget_hook, LUA_MASKCOUNT, limits->instruction_budget);
    limits->enforcing = 1;
    int status = lua_pcall(L, nargs, nresults, msgh);
    limits->enforcing = 0;
    lua_sethook(L, NULL, 0, 0);
    return status;
}

/*
 * budgeted_pcall(f, ...) for trusted Lua code: calls f under a fresh instruction budget and
 * returns `true, results...` or `false, error, kind` where kind is "error", "budget" or
 * "memory". The hook is armed and disarmed here in C, so no Lua instruction runs between the
 * failure and the disarm: one script's spent budget never spills into the caller.
 */
static int clua_traceback_handler(lua_State *L);
static int clua_budgeted_pcall(lua_State *L) {
    clua_limits *limits = clua_limits_of(L);
    int nargs = lua_gettop(L) - 1;
    lua_pushcfunction(L, clua_traceback_handler);
    lua_insert(L, 1);
    lua_Hook outer_hook = lua_gethook(L); /* an enclosing budget resumes, re-armed, afterwards */
    int outer_mask = lua_gethookmask(L), outer_count = lua_gethookcount(L);
    limits->budget_spent = 0;
    limits->memory_refused = 0;
    if (limits->instruction_budget > 0)
        lua_sethook(L, clua_budget_hook, LUA_MASKCOUNT, limits->instruction_budget);
    int status = lua_pcall(L, nargs, LUA_MULTRET, 1);
    lua_sethook(L, outer_hook, outer_mask, outer_count);
    int spent = limits->budget_spent;
    limits->budget_spent = 0;
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1); /* the handler's slot becomes `true` */
        return lua_gettop(L);
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    lua_pushstring(L, spent ? "budget" : (status == LUA_ERRMEM ? "memory" : "error"));
    return 3;
}
static inline void clua_pushbudgetedpcall(lua_State *L) {
    lua_pushcfunction(L, clua_budgeted_pcall);
}

/* A message handler for clua_pcall_limited: appends a traceback to string errors only. */
static int clua_traceback_handler(lua_State *L) {
    if (lua_type(L, 1) != LUA_TSTRING) return 1; /* tables and other values pass unchanged */
    clua_limits *limits = clua_limits_of(L);
    int was = limits->enforcing;
    limits->enforcing = 0; /* the traceback itself must not fail for want of memory */
    luaL_traceback(L, L, lua_tostring(L, 1), 1);
    limits->enforcing = was;
    return 1;
}
static inline void clua_pushtracebackhandler(lua_State *L) {
    lua_pushcfunction(L, clua_traceback_handler);
}

/* Opens the standard libraries a sandboxed state builds on; run it under lua_pcall. */
static int clua_open_libraries(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    luaL_requiref(L, LUA_DBLIBNAME, luaopen_debug, 1);
    lua_settop(L, 0);
    return 0;
}
static inline void clua_pushopenlibraries(lua_State *L) {
    lua_pushcfunction(L, clua_open_libraries);
}

/* ---- Swift functions callable from Lua --------------------------------------------------- */

/*
 * A Swift function exposed to Lua. It returns the number of results it pushed, or -1 after
 * pushing an error value; it never raises. The trampoline raises that error once the Swift
 * frame has returned, so no longjmp crosses Swift. While it runs, the memory cap is lifted.
 */
typedef int (*clua_swift_function)(lua_State *L, void *context);

static int clua_trampoline(lua_State *L) {
    clua_swift_function function =
        (clua_swift_function)(uintptr_t)lua_touserdata(L, lua_upvalueindex(1));
    void *context = lua_touserdata(L, lua_upvalueindex(2));
    clua_limits *limits = clua_limits_of(L);
    int was = limits->enforcing;
    limits->enforcing = 0;
    int results = function(L, context);
    limits->enforcing = was;
    if (results < 0) return lua_error(L);
    return results;
}

static inline void clua_pushswiftfunction(lua_State *L, clua_swift_function function,
                                          void *context) {
    lua_pushlightuserdata(L, (void *)(uintptr_t)function);
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, clua_trampoline, 2);
}

#endif

/*
 * shim.h: the parts of Lua 5.4's C API that Swift cannot import directly: `static inline`
 * equivalents of Lua's macros, every constant from the installed headers. They hold no state,
 * so a copy per object file is harmless. Everything with state (the allocator, budgets, the
 * watchdog, guarded calls) is in the CLuaRuntime target, defined once.
 */
#ifndef ELIGIBLE_CLUA_SHIM_H
#define ELIGIBLE_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

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

#endif

/*
 * clua_runtime.c: the few pieces of the Lua bridge that must be C, because they raise Lua errors
 * (longjmp), which must never cross a Swift frame, or hold state that must exist once:
 *
 * - the capped allocator: while a guarded call runs, a script may allocate at most its
 *   allowance beyond what was in use when the call began;
 * - budgets: instructions per guarded call and per programme, plus a wall-clock limit per
 *   programme, counted by a count hook that is NOT armed on the normal path. A watchdog thread
 *   arms it, by a thread-directed signal (as lua.c does for Ctrl-C), once a run has lasted more
 *   than a tick; an evaluation that finishes in microseconds never pays for a hook;
 * - the guarded call trusted Lua code runs scripts with: limits armed, the error's rule-file
 *   location found by a message handler, and spent budgets cleared before it returns;
 * - the check that rule files' shared variables (upvalues) kept their values;
 * - the trampoline that raises a Swift function's error after the Swift frame has returned.
 */
#define _GNU_SOURCE
#include "clua_runtime.h"
#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __linux__
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#endif




/* The registry key of the work table {units}: bounded C-backed functions charge their work to
 * the budget by adding to units (in instructions). */
static char clua_work_key;

static double clua_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void *clua_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_limits *limits = (clua_limits *)ud;
    if (ptr == NULL) osize = 0; /* when ptr is NULL, osize encodes the object's type */
    if (nsize == 0) {
        free(ptr);
        limits->used_bytes -= osize;
        return NULL;
    }
    if (limits->enforcing > 0 && nsize > osize &&
        limits->used_bytes - osize + nsize > limits->limit_bytes) {
        limits->memory_refused = 1;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block != NULL) limits->used_bytes = limits->used_bytes - osize + nsize;
    return block;
}

clua_limits *clua_limits_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (clua_limits *)ud;
}

/*
 * The count hook, armed only once a run has lasted a while. Each call adds the instructions run
 * since the last (plus the work units bounded C functions charged) to the current guarded call
 * and programme: every guarded call and clua_next_programme() start new ones. Inside a guarded call an exceeded
 * budget raises; once spent, the hook fires on every instruction so a script's own pcall
 * cannot swallow the error. Outside guarded calls (trusted code) it only counts.
 */
/* The work units bounded C functions have charged so far (work[1]). */
static lua_Integer clua_work_now(lua_State *L) {
    lua_Integer work = 0;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &clua_work_key) == LUA_TTABLE) {
        lua_rawgeti(L, -1, 1); work = lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return work;
}

static void clua_budget_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    clua_limits *lim = clua_limits_of(L);
    if (!__atomic_load_n(&lim->running, __ATOMIC_ACQUIRE)) { lua_sethook(L, NULL, 0, 0); return; }
    if (lim->budget_spent) {
        if (lim->guard_depth > 0) luaL_error(L, "instruction budget exhausted");
        return;
    }
    lua_Integer call = lim->call_mark, programme = lim->programme_mark, work = clua_work_now(L);
    unsigned long generation = __atomic_load_n(&lim->generation, __ATOMIC_ACQUIRE);
    if (lim->counted_generation != generation) {
        /* the first call of this run: counting starts here */
        lim->counted_generation = generation;
        lim->seen_call = call;
        lim->seen_programme = programme;
        lim->seen_work = work;
        lim->call_spent = 0;
        lim->programme_spent = 0;
        lim->programme_started = clua_now();
        return;
    }
    long step = lim->hook_step;
    if (work > lim->seen_work) step += (long)(work - lim->seen_work);
    lim->seen_work = work;
    if (call != lim->seen_call) { lim->seen_call = call; lim->call_spent = 0; }
    if (programme != lim->seen_programme) {
        lim->seen_programme = programme;
        lim->programme_spent = 0;
        lim->programme_started = clua_now();
    }
    lim->call_spent += step;
    lim->programme_spent += step;
    if (lim->guard_depth <= 0) return;
    int over = (lim->call_budget > 0 && lim->call_spent > lim->call_budget) ||
               (lim->programme_budget > 0 && lim->programme_spent > lim->programme_budget) ||
               (lim->programme_seconds > 0 && clua_now() - lim->programme_started > lim->programme_seconds);
    if (over) {
        lim->budget_spent = 1;
        lua_sethook(L, clua_budget_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "instruction budget exhausted");
    }
}

/* ---- The watchdog ------------------------------------------------------------------------- */

#ifdef __linux__
#define CLUA_MAX_STATES 256
typedef struct clua_watchdog {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    clua_limits *states[CLUA_MAX_STATES];
    clua_limits *spare[CLUA_MAX_STATES];   /* closed states' structs, kept for reuse */
    int count, spares, started, signal_number, available;
} clua_watchdog;

static clua_watchdog *clua_the_watchdog(void) {
    static clua_watchdog dog = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, {0}, 0, 0, 0, 0, 0 };
    return &dog;
}

static void clua_watchdog_signal(int sig, siginfo_t *info, void *context) {
    (void)sig; (void)context;
    clua_limits *lim = (clua_limits *)info->si_value.sival_ptr;
    if (lim == NULL || !__atomic_load_n(&lim->running, __ATOMIC_ACQUIRE)) return;
    if (!pthread_equal(pthread_self(), lim->thread)) return;
    lua_sethook(lim->L, clua_budget_hook, LUA_MASKCOUNT, (int)lim->hook_step);
}

/* Every tick, arm the hook of each run that was already running at the previous tick. */
static void *clua_watchdog_main(void *unused) {
    (void)unused;
    clua_watchdog *dog = clua_the_watchdog();
    struct timespec tick = { 0, 1000000 };
    for (;;) {
        pthread_mutex_lock(&dog->lock);
        while (dog->count == 0) pthread_cond_wait(&dog->wake, &dog->lock);
        for (int i = 0; i < dog->count; i++) {
            clua_limits *lim = dog->states[i];
            if (lim->synchronous) continue;
            unsigned long generation = __atomic_load_n(&lim->generation, __ATOMIC_ACQUIRE);
            int running = __atomic_load_n(&lim->running, __ATOMIC_ACQUIRE);
            if (running && generation == lim->seen_generation && lim->armed_generation != generation) {
                union sigval value;
                value.sival_ptr = lim;
                lim->armed_generation = generation;
                pthread_sigqueue(lim->thread, dog->signal_number, value);
            }
            lim->seen_generation = generation;
        }
        pthread_mutex_unlock(&dog->lock);
        nanosleep(&tick, NULL);
    }
    return NULL;
}

/*
 * Whether the watchdog can be used: not under ThreadSanitizer (which delays signals until a
 * thread calls into its runtime, never the case in a tight Lua loop), not when
 * ELIGIBLE_SYNCHRONOUS_BUDGET is set, and only if its signal and thread could be set up.
 */
static int clua_watchdog_start(clua_watchdog *dog) {
    if (dog->started) return dog->available;
    dog->started = 1;
    if (dlsym(RTLD_DEFAULT, "__tsan_init") != NULL || getenv("ELIGIBLE_SYNCHRONOUS_BUDGET") != NULL) return 0;
    dog->signal_number = SIGRTMIN + 4;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = clua_watchdog_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(dog->signal_number, &action, NULL) != 0) return 0;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 64 * 1024);
    pthread_t thread;
    int ok = pthread_create(&thread, &attributes, clua_watchdog_main, NULL) == 0;
    pthread_attr_destroy(&attributes);
    dog->available = ok;
    return ok;
}
#endif

/* A limits struct for a new state: a spare one if any, else a new one (never freed). */
clua_limits *clua_limits_new(size_t allowance_bytes, long call_budget, long programme_budget,
                                           double programme_seconds) {
    clua_limits *lim = NULL;
#ifdef __linux__
    clua_watchdog *dog = clua_the_watchdog();
    pthread_mutex_lock(&dog->lock);
    if (dog->spares > 0) lim = dog->spare[--dog->spares];
    pthread_mutex_unlock(&dog->lock);
#endif
    if (lim == NULL) lim = (clua_limits *)malloc(sizeof(clua_limits));
    if (lim == NULL) return NULL;
    memset(lim, 0, sizeof *lim);
    lim->allowance_bytes = allowance_bytes;
    lim->limit_bytes = allowance_bytes;
    lim->call_budget = call_budget;
    lim->programme_budget = programme_budget;
    lim->programme_seconds = programme_seconds;
    lim->hook_step = 1000;
    lim->in_use = 1;
    lim->synchronous = 1;
    return lim;
}

/* Creates a state accounted in `limits`, registered with the watchdog when it can run. */
lua_State *clua_newstate(clua_limits *limits) {
    lua_State *L = lua_newstate(clua_alloc, limits);
    if (L == NULL) return NULL;
    limits->L = L;
    lua_newtable(L); /* the work units: {units} */
    lua_pushinteger(L, 0); lua_rawseti(L, -2, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &clua_work_key);
#ifdef __linux__
    clua_watchdog *dog = clua_the_watchdog();
    pthread_mutex_lock(&dog->lock);
    if (clua_watchdog_start(dog) && dog->count < CLUA_MAX_STATES) {
        limits->synchronous = 0;
        dog->states[dog->count++] = limits;
        pthread_cond_signal(&dog->wake);
    }
    pthread_mutex_unlock(&dog->lock);
#endif
    return L;
}

/* Pushes the work table (for the sandbox's bounded functions to charge). */
void clua_pushwork(lua_State *L) { lua_rawgetp(L, LUA_REGISTRYINDEX, &clua_work_key); }

/* Starts a new programme for the programme budget. */
void clua_next_programme(lua_State *L) { clua_limits_of(L)->programme_mark++; }
static int clua_next_programme_lua(lua_State *L) { clua_next_programme(L); return 0; }
void clua_pushnextprogramme(lua_State *L) { lua_pushcfunction(L, clua_next_programme_lua); }

/* Closes a state and keeps its limits struct for reuse. */
void clua_close(lua_State *L, clua_limits *limits) {
#ifdef __linux__
    clua_watchdog *dog = clua_the_watchdog();
    pthread_mutex_lock(&dog->lock);
    for (int i = 0; i < dog->count; i++) {
        if (dog->states[i] == limits) { dog->states[i] = dog->states[--dog->count]; break; }
    }
    pthread_mutex_unlock(&dog->lock);
#endif
    __atomic_store_n(&limits->running, 0, __ATOMIC_RELEASE);
    if (L != NULL) lua_close(L);
    limits->L = NULL;
    limits->in_use = 0;
#ifdef __linux__
    pthread_mutex_lock(&dog->lock);
    if (dog->spares < CLUA_MAX_STATES) { dog->spare[dog->spares++] = limits; limits = NULL; }
    pthread_mutex_unlock(&dog->lock);
#endif
    free(limits);
}

/* Whether the watchdog arms this state's budgets (false: the hook is armed for every run). */
int clua_uses_watchdog(clua_limits *limits) { return !limits->synchronous; }

/*
 * A run: lua_pcall of trusted code with the budgets ready. The hook is armed now only when no
 * watchdog serves this state; otherwise the watchdog arms it if the run lasts. It is disarmed
 * again before returning, whatever happened.
 */
#ifdef __linux__
/* Whether this thread accepts the watchdog's signal. Threads made by libdispatch (every dispatch
 * queue and Swift concurrency task) start with real-time signals blocked: the first run on a
 * thread unblocks this one signal, which is the watchdog's alone. */
static __thread int clua_thread_accepts_signal;
static void clua_accept_watchdog_signal(void) {
    if (clua_thread_accepts_signal) return;
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, clua_the_watchdog()->signal_number);
    pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
    clua_thread_accepts_signal = 1;
}
#endif

void clua_run_begin(lua_State *L) {
    clua_limits *lim = clua_limits_of(L);
    lim->memory_refused = 0;
    lim->budget_spent = 0;
    lim->guard_depth = 0;
    lim->enforcing = 0;
#ifdef __linux__
    lim->thread = pthread_self();
    if (!lim->synchronous) clua_accept_watchdog_signal();
#endif
    __atomic_add_fetch(&lim->generation, 1, __ATOMIC_RELEASE);
    __atomic_store_n(&lim->running, 1, __ATOMIC_RELEASE);
    if (lim->synchronous) lua_sethook(L, clua_budget_hook, LUA_MASKCOUNT, (int)lim->hook_step);
}

void clua_run_end(lua_State *L) {
    clua_limits *lim = clua_limits_of(L);
    __atomic_store_n(&lim->running, 0, __ATOMIC_RELEASE);
    lua_sethook(L, NULL, 0, 0);
    lim->enforcing = 0;
    lim->guard_depth = 0;
    lim->budget_spent = 0;
}

int clua_pcall_limited(lua_State *L, int nargs, int nresults, int msgh) {
    clua_run_begin(L);
    int status = lua_pcall(L, nargs, nresults, msgh);
    clua_run_end(L);
    return status;
}

/* ---- Guarded calls ------------------------------------------------------------------------- */

/* The sentinels trusted code raises for a missing fact and for one that does not apply. */
static char clua_missing_key, clua_not_applicable_key;
void clua_pushmissing(lua_State *L) { lua_pushlightuserdata(L, &clua_missing_key); }
void clua_pushnotapplicable(lua_State *L) { lua_pushlightuserdata(L, &clua_not_applicable_key); }

/*
 * The message handler of guarded calls: records the error's location, the innermost frame of
 * the file whose function the engine called (the outermost frame of a rule file: a chunk named
 * "@..."; trusted chunks are named "=..."), so an error raised inside a rules/lib module is
 * located at the programme's line that called it. When that frame is out of reach (a deep
 * stack), the innermost rule-file frame. The error value is returned untouched: trusted code
 * never converts a script's value.
 */
#define CLUA_LOCATE_DEPTH 256
static int clua_locate_handler(lua_State *L) {
    clua_limits *lim = clua_limits_of(L);
    lim->error_source[0] = '\0';
    lim->error_line = 0;
    if (lua_touserdata(L, 1) == &clua_missing_key || lua_touserdata(L, 1) == &clua_not_applicable_key) return 1;
    lua_Debug ar;
    int innermost = -1, outermost = -1, level = 0;
    for (; level < CLUA_LOCATE_DEPTH && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "S", &ar) || ar.source == NULL || ar.source[0] != '@') continue;
        if (innermost < 0) innermost = level;
        outermost = level;
    }
    if (innermost < 0) return 1;
    int chosen = innermost;
    if (level < CLUA_LOCATE_DEPTH && outermost != innermost) {
        /* the outermost rule file's source, then its innermost frame */
        char outer[sizeof lim->error_source];
        if (lua_getstack(L, outermost, &ar) && lua_getinfo(L, "S", &ar) && ar.source != NULL) {
            strncpy(outer, ar.source, sizeof outer - 1);
            outer[sizeof outer - 1] = '\0';
            for (int l = innermost; l <= outermost; l++) {
                if (lua_getstack(L, l, &ar) && lua_getinfo(L, "S", &ar) && ar.source != NULL && strcmp(ar.source, outer) == 0) {
                    chosen = l;
                    break;
                }
            }
        }
    }
    if (!lua_getstack(L, chosen, &ar) || !lua_getinfo(L, "Sl", &ar) || ar.source == NULL) return 1;
    strncpy(lim->error_source, ar.source + 1, sizeof lim->error_source - 1);
    lim->error_source[sizeof lim->error_source - 1] = '\0';
    lim->error_line = ar.currentline;
    return 1;
}

/*
 * guarded(f, ...) for trusted Lua code: calls f with the memory allowance and the budgets armed
 * and returns `true, results...`, or `false, error, kind, file, line` where kind is "error",
 * "budget" or "memory" and file/line is the innermost rule-file frame (or nil). A spent budget
 * is cleared and the memory bound restored here in C, so no Lua instruction runs between the
 * failure and the disarm: one script's failure never spills into its caller.
 */
int clua_call(lua_State *L, int nargs, int nresults, int msgh) {
    clua_limits *lim = clua_limits_of(L);
    lim->call_mark++;
    /* Work an earlier call charged after the hook last counted is not billed to this one. */
    if (lim->guard_depth == 0) lim->seen_work = clua_work_now(L);
    size_t outer_limit = lim->limit_bytes;
    int outer_enforcing = lim->enforcing;
    size_t mine = lim->used_bytes + lim->allowance_bytes;
    lim->limit_bytes = outer_enforcing > 0 && outer_limit < mine ? outer_limit : mine;
    lim->enforcing++;
    lim->guard_depth++;
    lim->memory_refused = 0;
    int status = lua_pcall(L, nargs, nresults, msgh);
    lim->guard_depth--;
    lim->enforcing--;
    lim->limit_bytes = outer_enforcing > 0 ? outer_limit : lim->allowance_bytes;
    int spent = lim->budget_spent;
    if (spent && lim->guard_depth == 0) {
        lim->budget_spent = 0;
        lim->call_spent = 0;
        lim->programme_spent = 0;
        if (__atomic_load_n(&lim->running, __ATOMIC_ACQUIRE))
            lua_sethook(L, clua_budget_hook, LUA_MASKCOUNT, (int)lim->hook_step);
    }
    if (status == LUA_OK) return CLUA_CALL_OK;
    if (status == LUA_ERRMEM || lim->memory_refused) {
        lim->memory_refused = 0;
        lua_gc(L, LUA_GCCOLLECT); /* give back what the failed script left behind */
    }
    if (status != LUA_ERRRUN) lim->error_source[0] = '\0';
    return spent ? CLUA_CALL_BUDGET : (status == LUA_ERRMEM ? CLUA_CALL_MEMORY : CLUA_CALL_ERROR);
}

const char *clua_error_file(lua_State *L) {
    clua_limits *lim = clua_limits_of(L);
    return lim->error_source[0] != '\0' ? lim->error_source : NULL;
}
int clua_error_line(lua_State *L) { return clua_limits_of(L)->error_line; }

int clua_sentinel(lua_State *L, int idx) {
    void *p = lua_touserdata(L, idx);
    if (p == &clua_missing_key) return 1;
    if (p == &clua_not_applicable_key) return 2;
    return 0;
}

void clua_pushlocatehandler(lua_State *L) { lua_pushcfunction(L, clua_locate_handler); }

static int clua_guarded(lua_State *L) {
    int nargs = lua_gettop(L) - 1;
    lua_pushcfunction(L, clua_locate_handler);
    lua_insert(L, 1);
    int kind = clua_call(L, nargs, LUA_MULTRET, 1);
    if (kind == CLUA_CALL_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1); /* the handler's slot becomes `true` */
        return lua_gettop(L);
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    lua_pushstring(L, kind == CLUA_CALL_BUDGET ? "budget" : (kind == CLUA_CALL_MEMORY ? "memory" : "error"));
    const char *file = clua_error_file(L);
    if (file != NULL) {
        lua_pushstring(L, file);
        lua_pushinteger(L, clua_error_line(L));
    } else {
        lua_pushnil(L);
        lua_pushnil(L);
    }
    return 5;
}
void clua_pushguarded(lua_State *L) { lua_pushcfunction(L, clua_guarded); }

/* ---- Shared variables of rule files ------------------------------------------------------- */

/*
 * The host's check that rule files' shared variables kept their values. The table at `list`
 * holds `cells` triples f1, i1, v1, f2, i2, v2, ... of rule-file functions, upvalue numbers and
 * the values recorded when the rules loaded (a value may be nil: the count is given). Restores
 * every upvalue whose value changed, writes the 1-based numbers of those cells to `changed` (at
 * most `capacity`) and returns how many changed. Raw operations only.
 */
int clua_restore_cells(lua_State *L, int list, lua_Integer cells, lua_Integer *changed, int capacity) {
    list = lua_absindex(L, list);
    int count = 0;
    for (lua_Integer cell = 1; cell <= cells; cell++) {
        lua_Integer k = 3 * cell - 2;
        lua_rawgeti(L, list, k);              /* f */
        lua_rawgeti(L, list, k + 1);          /* f, i */
        int index = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);                        /* f */
        lua_rawgeti(L, list, k + 2);          /* f, recorded */
        if (lua_getupvalue(L, -2, index) == NULL) { lua_pop(L, 2); continue; }
        if (lua_rawequal(L, -1, -2)) { lua_pop(L, 3); continue; }
        lua_pop(L, 1);                        /* f, recorded */
        lua_setupvalue(L, -2, index);         /* f */
        lua_pop(L, 1);
        if (count < capacity) changed[count] = cell;
        count++;
    }
    return count;
}

/* restore_cells(list, n) for trusted Lua code: the same check; returns the changed cells' numbers. */
static int clua_restore_cells_lua(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer cells = luaL_checkinteger(L, 2);
    if (cells < 0 || cells > 1000000) return luaL_error(L, "restore_cells: bad count");
    lua_Integer *changed = (lua_Integer *)lua_newuserdatauv(L, (size_t)(cells > 0 ? cells : 1) * sizeof(lua_Integer), 0);
    int count = clua_restore_cells(L, 1, cells, changed, (int)cells);
    luaL_checkstack(L, count, "restore_cells");
    for (int i = 0; i < count; i++) lua_pushinteger(L, changed[i]);
    return count;
}
void clua_pushrestorecells(lua_State *L) { lua_pushcfunction(L, clua_restore_cells_lua); }

/* A message handler for host runs: appends a traceback to string errors only. */
static int clua_traceback_handler(lua_State *L) {
    if (lua_type(L, 1) != LUA_TSTRING) return 1; /* tables and other values pass unchanged */
    clua_limits *limits = clua_limits_of(L);
    int was = limits->enforcing;
    limits->enforcing = 0; /* the traceback itself must not fail for want of memory */
    luaL_traceback(L, L, lua_tostring(L, 1), 1);
    limits->enforcing = was;
    return 1;
}
void clua_pushtracebackhandler(lua_State *L) {
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
void clua_pushopenlibraries(lua_State *L) {
    lua_pushcfunction(L, clua_open_libraries);
}

/* ---- Swift functions callable from Lua --------------------------------------------------- */


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

void clua_pushswiftfunction(lua_State *L, clua_swift_function function,
                                          void *context) {
    lua_pushlightuserdata(L, (void *)(uintptr_t)function);
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, clua_trampoline, 2);
}


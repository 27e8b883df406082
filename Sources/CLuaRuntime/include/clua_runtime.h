/*
 * clua_runtime.h: the Lua bridge's C runtime (see clua_runtime.c): per-state limits, budgets and
 * the watchdog, guarded calls, the shared-variable check and the Swift-function trampoline.
 */
#ifndef ELIGIBLE_CLUA_RUNTIME_H
#define ELIGIBLE_CLUA_RUNTIME_H

#include <lua.h>
#include <stddef.h>
#ifdef __linux__
#include <pthread.h>
#endif

/*
 * Per-state accounting, passed to Lua as the allocator's user data. Structs are never freed
 * (a closed state's struct is kept for reuse), because a watchdog signal may still read one
 * after its state is gone.
 */
typedef struct clua_limits {
    /* memory */
    size_t used_bytes;          /* bytes currently allocated by this state */
    size_t allowance_bytes;     /* what one guarded call may allocate beyond its start */
    size_t limit_bytes;         /* the most the state may hold while `enforcing` */
    int enforcing;              /* > 0 while a guarded call runs script code */
    int memory_refused;         /* set when an allocation was refused */
    /* budgets (0 = none) */
    long call_budget;           /* instructions one guarded call may run */
    long programme_budget;      /* instructions one programme's calls may run together */
    double programme_seconds;   /* wall-clock seconds one programme may run */
    long hook_step;             /* instructions between two hook calls once armed */
    /* accounting, valid while the hook is armed */
    long call_spent, programme_spent;
    lua_Integer seen_call, seen_programme, seen_work;
    lua_Integer call_mark;      /* incremented by every guarded call */
    lua_Integer programme_mark; /* incremented by clua_next_programme */
    unsigned long counted_generation; /* the run the counts belong to */
    double programme_started;
    int budget_spent;           /* set when a budget ran out; the hook then fires every instruction */
    int guard_depth;            /* guarded calls in progress: budgets raise only inside one */
    /* where the last script error was raised: the innermost rule-file frame */
    char error_source[160];
    int error_line;
    /* runs, for the watchdog */
    lua_State *L;
    int running;                /* 1 during a run (atomic) */
    unsigned long generation;   /* incremented per run (atomic) */
    unsigned long armed_generation; /* the run the watchdog last armed (watchdog's own) */
    unsigned long seen_generation;  /* the run the watchdog saw last tick (watchdog's own) */
    int synchronous;            /* arm the hook at the start of every run (no watchdog) */
#ifdef __linux__
    pthread_t thread;           /* the thread running the current run */
#endif
    int in_use;
} clua_limits;

clua_limits *clua_limits_of(lua_State *L);
clua_limits *clua_limits_new(size_t allowance_bytes, long call_budget, long programme_budget,
                                           double programme_seconds);
lua_State *clua_newstate(clua_limits *limits);
void clua_pushwork(lua_State *L);
void clua_next_programme(lua_State *L);
void clua_pushnextprogramme(lua_State *L);
void clua_close(lua_State *L, clua_limits *limits);
int clua_uses_watchdog(clua_limits *limits);
/* A run of trusted code: begin arms the budgets (now, or by the watchdog if it lasts), end disarms. */
void clua_run_begin(lua_State *L);
void clua_run_end(lua_State *L);
/* lua_pcall of trusted code as one run. */
int clua_pcall_limited(lua_State *L, int nargs, int nresults, int msgh);

/*
 * A guarded call, inside a run: calls the function below its `nargs` arguments with the memory
 * allowance armed, as a new call for the budgets, with the message handler at `msgh` (see
 * clua_pushlocatehandler). Returns CLUA_CALL_OK (results on the stack) or the kind of failure
 * with the error value on the stack; clua_error_file/line then say where a rule file raised it.
 */
enum { CLUA_CALL_OK = 0, CLUA_CALL_ERROR = 1, CLUA_CALL_BUDGET = 2, CLUA_CALL_MEMORY = 3 };
int clua_call(lua_State *L, int nargs, int nresults, int msgh);
void clua_pushlocatehandler(lua_State *L);
const char *clua_error_file(lua_State *L);
int clua_error_line(lua_State *L);
/* 1 when the value at idx is the missing-fact sentinel, 2 the does-not-apply one, else 0. */
int clua_sentinel(lua_State *L, int idx);
int clua_restore_cells(lua_State *L, int list, lua_Integer cells, lua_Integer *changed, int capacity);
void clua_pushrestorecells(lua_State *L);
void clua_pushmissing(lua_State *L);
void clua_pushnotapplicable(lua_State *L);
void clua_pushguarded(lua_State *L);
void clua_pushtracebackhandler(lua_State *L);
void clua_pushopenlibraries(lua_State *L);

/*
 * A Swift function exposed to Lua. It returns the number of results it pushed, or -1 after
 * pushing an error value; it never raises. The trampoline raises that error once the Swift
 * frame has returned, so no longjmp crosses Swift. While it runs, the memory cap is lifted.
 */
typedef int (*clua_swift_function)(lua_State *L, void *context);
void clua_pushswiftfunction(lua_State *L, clua_swift_function function, void *context);

#endif

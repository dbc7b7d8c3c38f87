// Hooks into the Swift concurrency runtime's global executor.
//
// The runtime exports writable function-pointer variables (swift_task_enqueueGlobal_hook and
// friends) that it consults before handing a job to the global concurrent executor. The
// hooks use the Swift calling convention, hence the swiftcall attribute. We find them with
// dlsym so that a runtime without them degrades to "guard unavailable" instead of a link error.
#include "CRuntimeHooks.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct Job Job;
typedef void (*enqueue_original)(Job *) __attribute__((swiftcall));
typedef void (*enqueue_hook)(Job *, enqueue_original) __attribute__((swiftcall));
typedef void (*delay_original)(unsigned long long, Job *) __attribute__((swiftcall));
typedef void (*delay_hook)(unsigned long long, Job *, delay_original) __attribute__((swiftcall));
typedef void (*deadline_original)(long long, long long, long long, long long, int, Job *)
    __attribute__((swiftcall));
typedef void (*deadline_hook)(long long, long long, long long, long long, int, Job *,
                              deadline_original) __attribute__((swiftcall));

static _Thread_local int kernel_thread_active;
static _Atomic int guard_mode;
static _Atomic long leak_count;
static _Atomic int warned;

static void report_leak(const char *where) {
    atomic_fetch_add(&leak_count, 1);
    int mode = atomic_load(&guard_mode);
    if (mode == METRONOME_GLOBAL_GUARD_TRAP) {
        static const char head[] =
            "metronome: determinism guard: a job was enqueued on Swift's global concurrent "
            "executor from the kernel thread (";
        static const char tail[] =
            "). Component code must stay on the kernel executor: no Task.detached, no "
            "Task.sleep, no nonisolated async escapes.\n";
        (void)!write(2, head, sizeof head - 1);
        size_t n = 0;
        while (where[n]) n++;
        (void)!write(2, where, n);
        (void)!write(2, tail, sizeof tail - 1);
        abort();
    }
    if (mode == METRONOME_GLOBAL_GUARD_COUNT && atomic_exchange(&warned, 1) == 0) {
        static const char warn[] =
            "metronome: warning: the kernel thread leaked a job to the global executor; "
            "this run may not be reproducible\n";
        (void)!write(2, warn, sizeof warn - 1);
    }
}

__attribute__((swiftcall)) static void on_enqueue(Job *job, enqueue_original original) {
    if (kernel_thread_active && atomic_load(&guard_mode) != METRONOME_GLOBAL_GUARD_OFF)
        report_leak("swift_task_enqueueGlobal");
    original(job);
}

__attribute__((swiftcall)) static void on_delay(unsigned long long delay, Job *job,
                                                delay_original original) {
    if (kernel_thread_active && atomic_load(&guard_mode) != METRONOME_GLOBAL_GUARD_OFF)
        report_leak("swift_task_enqueueGlobalWithDelay");
    original(delay, job);
}

__attribute__((swiftcall)) static void on_deadline(long long sec, long long nsec, long long tsec,
                                                   long long tnsec, int clock, Job *job,
                                                   deadline_original original) {
    if (kernel_thread_active && atomic_load(&guard_mode) != METRONOME_GLOBAL_GUARD_OFF)
        report_leak("swift_task_enqueueGlobalWithDeadline");
    original(sec, nsec, tsec, tnsec, clock, job);
}

int metronome_install_global_executor_guard(metronome_global_guard_mode mode) {
    enqueue_hook *enqueue_slot = (enqueue_hook *)dlsym(RTLD_DEFAULT, "swift_task_enqueueGlobal_hook");
    delay_hook *delay_slot = (delay_hook *)dlsym(RTLD_DEFAULT, "swift_task_enqueueGlobalWithDelay_hook");
    deadline_hook *deadline_slot =
        (deadline_hook *)dlsym(RTLD_DEFAULT, "swift_task_enqueueGlobalWithDeadline_hook");
    if (!enqueue_slot) return -1;
    atomic_store(&guard_mode, (int)mode);
    *enqueue_slot = on_enqueue;
    if (delay_slot) *delay_slot = on_delay;
    if (deadline_slot) *deadline_slot = on_deadline;
    return 0;
}

void metronome_set_kernel_thread(int active) { kernel_thread_active = active; }

long metronome_global_leak_count(void) { return atomic_load(&leak_count); }

/* The C baseline of the peer benchmark (Benchmarks/peers/README.md): the least any engine can
 * cost on these quotes. It reads the tick CSV that Benchmarks/nautilus/make_quotes.py writes,
 * keeps the quote rows' bid and ask (in cents) in two arrays, then runs the EMA cross of
 * Metronome's `ema-cross` agent over the mids in one pass: both EMAs start at the first mid, the
 * weights are 2 / (period + 1), a side is taken once more than `slow` quotes were seen (long when
 * fast > slow, short otherwise) and every change of side is one order, as Metronome's signal
 * trader sends one order for the difference of its targets (a flip is one order of 2).
 *
 *     cc -O2 -o out/peers/baseline Benchmarks/peers/baseline.c -lm
 *     out/peers/baseline out/peers/quotes-1000000.csv     # prints one JSON object
 *
 * It prints the quotes read, the orders, the last EMAs, the whole time (open to last decision)
 * and the loop alone (the arrays already filled), both from CLOCK_MONOTONIC.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { fast_period = 40, slow_period = 160 };

struct quotes {
    int64_t *bid_cents;
    int64_t *ask_cents;
    size_t count;
    size_t capacity;
};

struct cross_result {
    long orders;
    double fast;
    double slow;
};

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

static void fail(const char *path, long line, const char *expected) {
    fprintf(stderr, "baseline: %s, line %ld: expected %s\n", path, line, expected);
    exit(1);
}

/* Parses a price such as "100.01" at *cursor into cents; moves the cursor past it. Returns -1 when
 * the field is not digits with at most two decimals. */
static int64_t parse_cents(const char **cursor) {
    const char *p = *cursor;
    int64_t units = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') { units = units * 10 + (*p++ - '0'); digits++; }
    if (digits == 0) return -1;
    int64_t cents = units * 100;
    if (*p == '.') {
        p++;
        int decimals = 0;
        int64_t fraction = 0;
        while (*p >= '0' && *p <= '9') {
            if (++decimals > 2) return -1;
            fraction = fraction * 10 + (*p++ - '0');
        }
        cents += decimals == 1 ? fraction * 10 : fraction;
    }
    *cursor = p;
    return cents;
}

/* The comma-separated field number `index` (0-based) of `line`, or NULL if the line is shorter. */
static const char *field(const char *line, int index) {
    for (int i = 0; i < index; i++) {
        line = strchr(line, ',');
        if (line == NULL) return NULL;
        line++;
    }
    return line;
}

static void append(struct quotes *quotes, int64_t bid, int64_t ask) {
    if (quotes->count == quotes->capacity) {
        quotes->capacity = quotes->capacity ? quotes->capacity * 2 : 1 << 16;
        quotes->bid_cents = realloc(quotes->bid_cents, quotes->capacity * sizeof(int64_t));
        quotes->ask_cents = realloc(quotes->ask_cents, quotes->capacity * sizeof(int64_t));
        if (!quotes->bid_cents || !quotes->ask_cents) { fprintf(stderr, "baseline: out of memory\n"); exit(1); }
    }
    quotes->bid_cents[quotes->count] = bid;
    quotes->ask_cents[quotes->count] = ask;
    quotes->count++;
}

/* Reads the quote rows (columns time,symbol,kind,bid,ask,…) of a tick CSV. */
static struct quotes read_quotes(const char *path) {
    FILE *file = fopen(path, "r");
    if (file == NULL) { perror(path); exit(1); }
    static char buffer[1 << 20];
    setvbuf(file, buffer, _IOFBF, sizeof buffer);
    struct quotes quotes = {0};
    char line[512];
    long number = 0;
    while (fgets(line, sizeof line, file)) {
        number++;
        if (number == 1) {
            if (strncmp(line, "time,symbol,kind,bid,ask,", 25) != 0) fail(path, number, "the header time,symbol,kind,bid,ask,…");
            continue;
        }
        if (line[0] == '#' || line[0] == '\n') continue;
        const char *kind = field(line, 2);
        if (kind == NULL) fail(path, number, "at least 5 comma-separated fields");
        if (strncmp(kind, "quote,", 6) != 0) continue;
        const char *cursor = kind + 6;
        int64_t bid = parse_cents(&cursor);
        if (bid < 0 || *cursor != ',') fail(path, number, "a bid price with at most 2 decimals");
        cursor++;
        int64_t ask = parse_cents(&cursor);
        if (ask < 0 || *cursor != ',') fail(path, number, "an ask price with at most 2 decimals");
        append(&quotes, bid, ask);
    }
    fclose(file);
    if (quotes.count == 0) fail(path, number, "at least one quote row");
    return quotes;
}

static struct cross_result ema_cross(const struct quotes *quotes) {
    const double fast_weight = 2.0 / (fast_period + 1);
    const double slow_weight = 2.0 / (slow_period + 1);
    double fast = 0, slow = 0;
    int side = 0;
    long orders = 0;
    for (size_t index = 0; index < quotes->count; index++) {
        double mid = (double)(quotes->bid_cents[index] + quotes->ask_cents[index]) * 0.5;
        if (index == 0) {
            fast = mid;
            slow = mid;
        } else {
            fast += fast_weight * (mid - fast);
            slow += slow_weight * (mid - slow);
        }
        if (index + 1 <= slow_period) continue;
        int wanted = fast > slow ? 1 : -1;
        if (wanted != side) { orders++; side = wanted; }
    }
    return (struct cross_result){orders, fast, slow};
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: baseline QUOTES.csv\n"); return 2; }
    double started = seconds_now();
    struct quotes quotes = read_quotes(argv[1]);
    double loop_started = seconds_now();
    struct cross_result result = ema_cross(&quotes);
    double finished = seconds_now();
    printf("{\"engine\": \"c-baseline\", \"quotes\": %zu, \"orders\": %ld, \"fast_ema_cents\": %.6f, "
           "\"slow_ema_cents\": %.6f, \"total_seconds\": %.6f, \"loop_seconds\": %.6f}\n",
           quotes.count, result.orders, result.fast, result.slow, finished - started, finished - loop_started);
    free(quotes.bid_cents);
    free(quotes.ask_cents);
    return 0;
}

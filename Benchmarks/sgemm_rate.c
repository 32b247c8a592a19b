/* sgemm_rate.c: how fast OpenBLAS's cblas_sgemm runs on the face-verification shapes.

   Build and run (Debian: apt-get install libopenblas-dev):

       cc -O2 -o /tmp/sgemm_rate Benchmarks/sgemm_rate.c -lopenblas && /tmp/sgemm_rate

   Optional arguments: sgemm_rate [N [K [REPEATS]]]   (defaults 20000 512 3)

   The all-vs-all score matrix of N probes and N gallery templates of dimension K is
   S = P * G^T, P and G row-major N x K float32: cblas_sgemm(RowMajor, NoTrans, Trans, M, N, K, 1,
   P, K, G, K, 0, S, N). Timed:
     * full:  M = N (20000 x 512 times 512 x 20000 transposed; S is N*N floats, 1.6 GB at N = 20000);
     * tiled: M = 256, 512, 1024 probe rows against the whole gallery (the block a scorer that
       streams its score matrix would compute at a time), each repeated over enough tiles to cover
       the probes once (so every tile size does the same 2*N*N*K flops as the full product);
   each with 1 and with 2 OpenBLAS threads (openblas_set_num_threads). A flop count of
   2 * M * N * K per call; GFLOP/s = flops / wall seconds (CLOCK_MONOTONIC). Each case runs
   REPEATS times after one untimed warm-up call; the best and the median rate are printed, and
   the flops per CPU second of the best pass (CLOCK_PROCESS_CPUTIME_ID, all threads): the rate of
   one busy core, which other processes on the machine change far less than the wall rate (with
   2 threads on 2 cores, wall GFLOP/s near twice the per-CPU-second rate means both cores were
   ours).
   The inputs are deterministic pseudo-random values in [-1, 1) (the values do not change the
   speed); one line of "checksum" guards against the work being optimised away. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_s(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }

static void fill(float *x, size_t n, unsigned long long seed) {
    unsigned long long s = seed;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;   /* LCG; top 24 bits */
        x[i] = (float)((double)(s >> 40) / (double)(1ULL << 24) * 2.0 - 1.0);
    }
}

typedef struct { double wall, cpu; } timing;

static int cmp(const void *a, const void *b) {
    double x = ((const timing *)a)->wall, y = ((const timing *)b)->wall;
    return (x > y) - (x < y);
}

/* One pass over the probes in tiles of `rows` rows (rows == n: one call): wall and CPU seconds. */
static timing pass(const float *P, const float *G, float *S, int n, int k, int rows) {
    double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    for (int r = 0; r < n; r += rows) {
        int m = n - r < rows ? n - r : rows;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f,
                    P + (size_t)r * k, k, G, k, 0.0f, S, n);
    }
    return (timing){now() - t0, clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0};
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    int k = argc > 2 ? atoi(argv[2]) : 512;
    int repeats = argc > 3 ? atoi(argv[3]) : 3;
    if (n <= 0 || k <= 0 || repeats <= 0) {
        fprintf(stderr, "usage: sgemm_rate [N [K [REPEATS]]]\n");
        return 2;
    }
    printf("OpenBLAS: %s\n", openblas_get_config());
    printf("N = %d, K = %d, repeats = %d; flops per pass 2*N*N*K = %.1f GFLOP\n", n, k, repeats,
           2.0 * n * (double)n * k / 1e9);
    float *P = malloc(sizeof(float) * (size_t)n * k);
    float *G = malloc(sizeof(float) * (size_t)n * k);
    float *S = malloc(sizeof(float) * (size_t)n * n);   /* full product; the tiles reuse its start */
    if (!P || !G || !S) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    fill(P, (size_t)n * k, 1);
    fill(G, (size_t)n * k, 2);
    memset(S, 0, sizeof(float) * (size_t)n * n);   /* touch every page before timing */

    const int tiles[] = {0, 256, 512, 1024};   /* 0: the full product (M = N) */
    const int threads[] = {1, 2};
    timing *t = malloc(sizeof(timing) * repeats);
    double checksum = 0.0;
    printf("%-22s %7s %8s %13s %15s %14s\n", "case", "threads", "best s", "best GFLOP/s", "median GFLOP/s",
           "GFLOP/CPU-s");
    for (size_t ti = 0; ti < sizeof threads / sizeof *threads; ti++) {
        openblas_set_num_threads(threads[ti]);
        for (size_t i = 0; i < sizeof tiles / sizeof *tiles; i++) {
            int rows = tiles[i] ? tiles[i] : n;
            if (rows > n) rows = n;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, n, k, 1.0f, P, k, G, k, 0.0f, S, n);
            for (int r = 0; r < repeats; r++) t[r] = pass(P, G, S, n, k, rows);
            checksum += S[0] + S[(size_t)(rows - 1) * n + n - 1];
            qsort(t, repeats, sizeof(timing), cmp);
            double flops = 2.0 * n * (double)n * k;
            char name[64];
            if (tiles[i]) snprintf(name, sizeof name, "tiled M=%d x %d", rows, n);
            else snprintf(name, sizeof name, "full %d x %d", n, n);
            printf("%-22s %7d %8.3f %13.1f %15.1f %14.1f\n", name, threads[ti], t[0].wall,
                   flops / t[0].wall / 1e9, flops / t[repeats / 2].wall / 1e9, flops / t[0].cpu / 1e9);
            fflush(stdout);
        }
    }
    printf("checksum %.6g\n", checksum);
    free(t);
    free(S);
    free(G);
    free(P);
    return 0;
}

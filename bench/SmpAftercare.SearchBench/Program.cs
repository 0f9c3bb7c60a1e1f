using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// The staff client list's search, as the page runs it per keystroke, against a seeded database (docs/performance.md).
//   SMP_BENCH_PROVIDER=Sqlite|Postgres SMP_BENCH_DB="<connection string>" dotnet run -c Release --project bench/SmpAftercare.SearchBench
// Each iteration is ONE search (invocation count 1), so the P95 column is the 95th percentile per query.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance) // the app's assemblies as built; no generated project to compile
        .WithInvocationCount(1).WithUnrollFactor(1)
        .WithWarmupCount(20).WithIterationCount(200).WithLaunchCount(1))
    .AddColumn(StatisticColumn.P95, StatisticColumn.Max)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkRunner.Run<SmpAftercare.SearchBench.ClientSearchBenchmarks>(config, args);

using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SmpAftercare.Benchmarks.TimelineBenchmarks).Assembly).Run(args);

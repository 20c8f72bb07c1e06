return await SearchEngine.Bench.BenchApp.RunAsync(args);

return await SearchEngine.Cli.CliApp.RunAsync(args, SearchEngine.Cli.CliConsole.FromSystemConsole());

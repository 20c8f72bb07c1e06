using System.Diagnostics;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>
/// The buf CLI from npm, installed into the checkout's .tools folder on first use. The install is
/// serialised across the tests of this process and, through a lock file, across test processes.
/// </summary>
internal static class BufCli
{
    private const string Package = "@bufbuild/buf@1.75.0";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private static string Executable => Path.Combine(RepositoryPaths.Tools, "node_modules", ".bin", "buf");

    /// <summary>Runs buf with the arguments (no shell in between) and returns what it printed.</summary>
    public static async Task<CommandResult> RunAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await CommandResult.RunAsync(Executable, arguments, CommandTimeout);
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Executable))
        {
            return;
        }
        var cancellation = TestContext.Current.CancellationToken;
        await InstallGate.WaitAsync(cancellation);
        try
        {
            Directory.CreateDirectory(RepositoryPaths.Tools);
            using var installLock = await LockFileAsync(Path.Combine(RepositoryPaths.Tools, "buf-install.lock"), cancellation);
            if (File.Exists(Executable))
            {
                return;
            }
            var install = await CommandResult.RunAsync("npm", ["install", "--prefix", RepositoryPaths.Tools, "--no-save", Package], InstallTimeout);
            if (install.ExitCode != 0 || !File.Exists(Executable))
            {
                throw new InvalidOperationException($"npm could not install {Package} (exit {install.ExitCode}):\n{install.StandardError}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Holds an exclusive lock on the file until disposed; waits while another process holds it.</summary>
    private static async Task<FileStream> LockFileAsync(string path, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation);
            }
        }
    }
}

/// <summary>The outcome of a finished child process.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        return new CommandResult(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

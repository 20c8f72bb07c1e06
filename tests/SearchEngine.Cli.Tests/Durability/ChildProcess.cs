using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>
/// A .NET program run as a real process (<c>dotnet PROGRAM.dll ARGS</c>) with its output captured.
/// Disposing kills it if it still runs, and every child still running when the test process
/// exits is killed then, so that a failed or timed-out test leaves no orphan behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var orphan in Running.Values)
        {
            TryKill(orphan);
        }
    };

    private ChildProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    /// <summary>A label for messages, e.g. "server #2".</summary>
    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Standard output so far (all of it once the process has exited and been waited for).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Standard error so far (all of it once the process has exited and been waited for).</summary>
    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="program"/> <paramref name="arguments"/></c>.</summary>
    public static ChildProcess Start(string name, string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(BuiltPrograms.DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        startInfo.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, line) => child.Append(child.output, line.Data);
        process.ErrorDataReceived += (_, line) => child.Append(child.error, line.Data);
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to exit (and its output to end); false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Kills the process with SIGKILL (kill -9; TerminateProcess on Windows) and waits until it is gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>
    /// Asks the process to stop as Ctrl+C or a service manager would (SIGTERM), and waits for it to
    /// exit; false when it still runs after <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("no SIGTERM on Windows");
        }
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", "TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync(cancellationToken);
        }
        return await WaitForExitAsync(timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        TryKill(process);
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            // Nothing more can be done; the process-exit handler tries once more.
        }
        Running.TryRemove(process.Id, out _);
        process.Dispose();
    }

    public override string ToString() =>
        $"{Name} (pid {process.Id}{(process.HasExited ? $", exit code {process.ExitCode}" : ", running")})\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }
}

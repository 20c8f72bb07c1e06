using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Bench;

/// <summary>
/// The Release server as a real process on a free loopback port, with a fresh index folder and
/// no sample data; its CPU time and VmHWM are read from /proc while it is still alive.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private ServerProcess(Process process, Uri address, string indexPath)
    {
        this.process = process;
        Address = address;
        IndexPath = indexPath;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string IndexPath { get; }

    public GrpcChannel Channel { get; }

    public double CpuSeconds => Machine.CpuSeconds(process.Id) ?? double.NaN;

    public double PeakRssMib => Machine.PeakRssMib(process.Id) ?? double.NaN;

    public static async Task<ServerProcess> StartAsync(Workspace workspace, string indexPath, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            workspace.ServerDll,
            "--urls", address.ToString().TrimEnd('/'),
            $"--Index:Path={indexPath}",
            "--Index:SampleData=",
            "--Logging:LogLevel:Default=Warning",
            .. extraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var server = new ServerProcess(Process.Start(start) ?? throw new BenchException("cannot start the server"), address, indexPath);
        try
        {
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<IndexStats> GetStatsAsync() =>
        await new IndexService.IndexServiceClient(Channel).GetIndexStatsAsync(new GetIndexStatsRequest());

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var client = new IndexService.IndexServiceClient(Channel);
        while (true)
        {
            if (process.HasExited)
            {
                throw new BenchException($"the server exited with {process.ExitCode}: {string.Join(" | ", lastLines)}");
            }
            try
            {
                var stats = await client.GetIndexStatsAsync(new GetIndexStatsRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (stats.ArticleCount != 0)
                {
                    throw new BenchException($"the fresh index at {IndexPath} holds {stats.ArticleCount} articles");
                }
                return;
            }
            catch (RpcException) when (stopwatch.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

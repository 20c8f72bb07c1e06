using System.Net;
using System.Net.Sockets;

namespace SearchEngine.Cli.Tests.Infrastructure;

/// <summary>A loopback address where nothing listens, for connection failures.</summary>
public static class UnusedPort
{
    public static string Address()
    {
        // Bind to port 0 to learn a free port, then release it: nothing will be listening there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}

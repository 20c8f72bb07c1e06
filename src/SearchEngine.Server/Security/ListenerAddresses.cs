using System.Net;

namespace SearchEngine.Server.Security;

/// <summary>The addresses the server is configured to listen on, and whether all of them are loopback.</summary>
public static class ListenerAddresses
{
    /// <summary>
    /// Every configured listener: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), each
    /// <c>Kestrel:Endpoints:*:Url</c>, and the port-only settings, which bind every interface.
    /// Taken together rather than in Kestrel's order of precedence, so that doubt means "not loopback".
    /// </summary>
    public static IReadOnlyList<string> FromConfiguration(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            addresses.AddRange(Split(endpoint["Url"]));
        }
        foreach (var (setting, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            addresses.AddRange(Split(configuration[setting]).Select(port => $"{scheme}://*:{port}"));
        }
        return addresses;
    }

    /// <summary>True when the address can only be reached from this machine (loopback IP, localhost, or a Unix socket).</summary>
    public static bool IsLoopback(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? address : address[(schemeEnd + 3)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? rest : rest[1..close];
        }
        else
        {
            var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
            var authority = pathStart < 0 ? rest : rest[..pathStart];
            var portStart = authority.LastIndexOf(':');
            host = portStart < 0 ? authority : authority[..portStart];
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // "*", "+", "0.0.0.0", "[::]" and host names all reach beyond this machine.
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static IEnumerable<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

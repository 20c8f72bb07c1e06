using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Hosting;

namespace SearchEngine.Server.Security;

/// <summary>
/// Which services need an API key, and the check of a presented key. Decided once at start from
/// the configured listeners: configured keys are always enforced (a proxy on the same machine
/// makes loopback no proof of a local caller); without keys, only a loopback-only server may run
/// open, unless <see cref="AuthOptions.AllowUnauthenticated"/> says otherwise.
/// </summary>
public sealed class ApiKeyPolicy
{
    private readonly byte[][] keyHashes;
    private readonly HashSet<string> protectedServices;

    public ApiKeyPolicy(IOptions<AuthOptions> options, IConfiguration configuration, ILogger<ApiKeyPolicy> logger)
    {
        var auth = options.Value;
        if (auth.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidConfigurationException("Auth:ApiKeys contains an empty key");
        }
        keyHashes = [.. auth.ApiKeys.Select(Hash)];
        var addresses = ListenerAddresses.FromConfiguration(configuration);
        var shownAddresses = addresses.Count == 0 ? "(none configured)" : string.Join(", ", addresses);
        if (keyHashes.Length > 0)
        {
            protectedServices = [IndexService.Descriptor.FullName];
            if (auth.RequireKeyForSearch)
            {
                protectedServices.Add(SearchService.Descriptor.FullName);
            }
            SecurityLog.KeysRequired(logger, string.Join(" and ", protectedServices.Order(StringComparer.Ordinal)), keyHashes.Length, shownAddresses);
            return;
        }
        if (auth.RequireKeyForSearch)
        {
            throw new InvalidConfigurationException("Auth:RequireKeyForSearch is true but Auth:ApiKeys is empty");
        }
        protectedServices = [];
        if (addresses.All(ListenerAddresses.IsLoopback))
        {
            SecurityLog.LoopbackOpen(logger, shownAddresses);
        }
        else if (auth.AllowUnauthenticated)
        {
            SecurityLog.OpenByOptOut(logger, shownAddresses);
        }
        else
        {
            var exposed = string.Join(", ", addresses.Where(address => !ListenerAddresses.IsLoopback(address)));
            throw new InvalidConfigurationException(
                $"listening on {exposed} (not loopback only) needs Auth:ApiKeys, or Auth:AllowUnauthenticated=true to let anyone change the index");
        }
    }

    /// <summary>True when calls to the service (full protobuf name) must carry a valid key.</summary>
    public bool Protects(string serviceName) => protectedServices.Contains(serviceName);

    /// <summary>True when the key is one of the configured ones; the time taken does not depend on which key, or how much of it, matched.</summary>
    public bool Accepts(string presentedKey)
    {
        var presented = Hash(presentedKey);
        var accepted = false;
        foreach (var known in keyHashes)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(presented, known);
        }
        return accepted;
    }

    // Comparing fixed-length hashes keeps the comparison from revealing the key's length.
    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

namespace SearchEngine.Server.Security;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Keys accepted in <c>authorization: Bearer &lt;key&gt;</c>; any one of them grants access.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Whether SearchService needs a key as well as IndexService.</summary>
    public bool RequireKeyForSearch { get; set; }

    /// <summary>
    /// Lets a server that listens beyond loopback start without keys, so that anyone who reaches it
    /// can change the index. Only for networks where something in front already authenticates.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }
}

namespace SearchEngine.Core.Schema;

/// <summary>Tells Chinese from English text by script, for articles that do not say.</summary>
public static class LanguageDetector
{
    public const string Chinese = "zh";
    public const string English = "en";

    /// <summary>"zh" when Han characters are at least a fifth of the letters, else "en".</summary>
    public static string Detect(string? title, string? body)
    {
        var han = 0;
        var letters = 0;
        foreach (var text in new[] { title, body })
        {
            foreach (var c in text ?? "")
            {
                if (IsHan(c))
                {
                    han++;
                    letters++;
                }
                else if (char.IsLetter(c))
                {
                    letters++;
                }
            }
        }
        return letters > 0 && han * 5 >= letters ? Chinese : English;
    }

    private static bool IsHan(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}

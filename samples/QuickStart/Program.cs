using MtaSts.Client.Policies;

// The body exactly as https://mta-sts.example.com/.well-known/mta-sts.txt served it.
PolicyParseResult result = PolicyParser.Parse(File.ReadAllBytes("mta-sts.txt"));
foreach (ParseDiagnostic diagnostic in result.Diagnostics)
{
    Console.WriteLine(diagnostic);          // "line 3: error policy-invalid-mode: ..."
}

if (result.Policy is { } policy)
{
    Console.WriteLine(policy.Matches("mail.example.com") ? "MX allowed" : "MX not in policy");
}

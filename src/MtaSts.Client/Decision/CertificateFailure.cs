namespace MtaSts.Client.Decision;

/// <summary>Why an MX host's certificate failed, in the terms of an RFC 8460 report.</summary>
internal readonly record struct CertificateFailure(string ResultType, string ReasonCode, string Message);

using System.Globalization;

namespace Reactivation.Cli.Simulation;

/// <summary>One purchase of a real log: which customer, on which day, for how much.</summary>
public sealed record LoggedPurchase(string Customer, DateOnly Date, decimal Amount);

/// <summary>
/// Reads a purchase log. <c>csv</c>: a header <c>customer,date,amount</c> (date yyyy-MM-dd or yyyyMMdd, amount with
/// '.' as decimal point). <c>cdnow</c>: the CDNOW layout — whitespace-separated customer id, yyyyMMdd, number of
/// CDs, dollar value, after one header line. Every problem names the file and the line.
/// </summary>
public static class TransactionLog
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "cdnow"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    public static List<LoggedPurchase> Read(string file, string format)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!Formats.Contains(format))
        {
            throw new SimulationInputException($"unknown transaction format '{format}'; use csv (customer,date,amount) or cdnow.");
        }

        if (!File.Exists(file))
        {
            throw new SimulationInputException($"{file}: file not found.");
        }

        using var reader = new StreamReader(file);
        return format == "cdnow" ? ReadCdnow(reader, file) : ReadCsv(reader, file);
    }

    public static List<LoggedPurchase> ReadCsv(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var purchases = new List<LoggedPurchase>();
        var lineNumber = 0;
        var header = reader.ReadLine();
        lineNumber++;
        if (header is null || !string.Equals(header.Replace(" ", "", StringComparison.Ordinal).TrimEnd('\r'), "customer,date,amount", StringComparison.OrdinalIgnoreCase))
        {
            throw SimulationInputException.AtLine(file, lineNumber, "the first line must be the header 'customer,date,amount'.");
        }

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 3)
            {
                throw SimulationInputException.AtLine(file, lineNumber, $"expected 3 fields (customer,date,amount) but found {fields.Length}.");
            }

            purchases.Add(Parse(file, lineNumber, fields[0].Trim(), fields[1].Trim(), fields[2].Trim()));
        }

        return purchases;
    }

    public static List<LoggedPurchase> ReadCdnow(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var purchases = new List<LoggedPurchase>(70000);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (lineNumber == 1 && !fields[0].All(char.IsAsciiDigit)) continue; // the header line
            if (fields.Length != 4)
            {
                throw SimulationInputException.AtLine(file, lineNumber, $"expected 4 whitespace-separated fields (customer id, yyyymmdd, number of CDs, dollar value) but found {fields.Length}.");
            }

            if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw SimulationInputException.AtLine(file, lineNumber, $"the number of CDs '{fields[2]}' is not a whole number.");
            }

            purchases.Add(Parse(file, lineNumber, fields[0], fields[1], fields[3]));
        }

        return purchases;
    }

    private static LoggedPurchase Parse(string file, int line, string customer, string date, string amount)
    {
        if (customer.Length == 0)
        {
            throw SimulationInputException.AtLine(file, line, "the customer is empty.");
        }

        if (!DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw SimulationInputException.AtLine(file, line, $"'{date}' is not a date (yyyy-MM-dd or yyyyMMdd).");
        }

        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw SimulationInputException.AtLine(file, line, $"'{amount}' is not an amount (a number ≥ 0 with '.' as decimal point).");
        }

        return new LoggedPurchase(customer, day, decimal.Round(value, 2));
    }
}

using Reactivation.Core.Attempts;

namespace Reactivation.Plugins.Schema
{
    /// <summary>
    /// The phonecall and task columns the product writes and reads (standard ones, and those in solution/Entities/PhoneCall
    /// and Task); their response outcome is the global choice rx_responseoutcome, which messages use too.
    /// </summary>
    public static class ActivityColumns
    {
        public const string PhoneCallTable = "phonecall";
        public const string TaskTable = "task";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string ScheduledEnd = "scheduledend";
        public const string Priority = "prioritycode";
        public const string Regarding = "regardingobjectid";
        public const string Owner = "ownerid";
        /// <summary>Phone calls only: true is outgoing.</summary>
        public const string Direction = "directioncode";
        public const string State = "statecode";
        public const string ResponseOutcome = "rx_responseoutcome";
        public const string Attempt = "rx_attemptid";
        /// <summary>The rep's "why this customer" line, in the customer's language.</summary>
        public const string WhyThisCustomer = "rx_whythiscustomer";
        /// <summary>The reason the customer gave the rep, on the same global choice as the contact's rx_dormancyreason.</summary>
        public const string DormancyReason = "rx_dormancyreason";

        public const int SubjectMaxLength = 200;
        public const int DescriptionMaxLength = 2000;
        public const int WhyThisCustomerMaxLength = 2000;

        /// <summary>statecode of a completed task or phone call.</summary>
        public const int Completed = 1;

        /// <summary>prioritycode (the platform's activity priorities; rx_outreachmessage declares the same).</summary>
        public const int NormalPriority = 1;
        public const int HighPriority = 2;

        /// <summary>The global choice rx_responseoutcome.</summary>
        public static readonly Choice<ResponseOutcome> ResponseOutcomes = Choice.FromPublisherBase(PhoneCallTable, ResponseOutcome,
            Core.Attempts.ResponseOutcome.Reached, Core.Attempts.ResponseOutcome.Interested, Core.Attempts.ResponseOutcome.NotInterested,
            Core.Attempts.ResponseOutcome.WrongNumber, Core.Attempts.ResponseOutcome.OptedOut);
    }
}

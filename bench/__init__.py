"""`make bench`: what each route costs in DynamoDB calls and capacity, cold start, warm CPU
and package size, each against its budget. Timings are printed, never asserted in tests."""

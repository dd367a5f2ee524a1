/**
 * Default select-value maps for HubSpot exports onto the default Clarify workspace options
 * (person.status: Lead, Qualified, Customer, Churned; deal.stage: Prospecting, Qualification, Proposal,
 * Negotiation, Won, Lost). Keys are source values, matched case-insensitively; both internal values
 * (`closedwon`) and English labels (`Closed Won`) are listed. The user's mapping `values` wins.
 * Lifecycle stage `other` is deliberately absent: it says nothing about the person.
 */
export const HUBSPOT_DEFAULT_VALUE_MAPS: Record<string, Record<string, string>> = {
  'person.status': {
    subscriber: 'Lead',
    lead: 'Lead',
    marketingqualifiedlead: 'Qualified',
    'marketing qualified lead': 'Qualified',
    salesqualifiedlead: 'Qualified',
    'sales qualified lead': 'Qualified',
    opportunity: 'Qualified',
    customer: 'Customer',
    evangelist: 'Customer',
  },
  'deal.stage': {
    appointmentscheduled: 'Qualification',
    'appointment scheduled': 'Qualification',
    qualifiedtobuy: 'Qualification',
    'qualified to buy': 'Qualification',
    presentationscheduled: 'Proposal',
    'presentation scheduled': 'Proposal',
    decisionmakerboughtin: 'Proposal',
    'decision maker bought-in': 'Proposal',
    contractsent: 'Negotiation',
    'contract sent': 'Negotiation',
    closedwon: 'Won',
    'closed won': 'Won',
    closedlost: 'Lost',
    'closed lost': 'Lost',
  },
};

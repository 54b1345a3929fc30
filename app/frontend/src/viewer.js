// The read-only diagram of the ticket page (data-page="ticket"): bpmn-js's
// NavigatedViewer only, a fraction of studio.js, for the page agents open all day.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import './studio.css';

import { ticketPage } from './bpmn/ticket-page.js';
import { startStudio } from './shared/start.js';

startStudio({ ticket: ticketPage });
